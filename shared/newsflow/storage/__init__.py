"""Adapters to AWS (the only boto3 code): S3 objects, the DynamoDB table, the EventBridge bus,
the queues. They implement the ports of `newsflow.services.ports`; `newsflow.wiring` builds
them from config. Import each from its module: this package loads none of them, so that a
function loads only the adapters it runs (cold start, issue 14)."""
