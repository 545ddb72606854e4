"""template.yaml deployed into a moto server: the SAM transform done here, the rest by moto.

moto's CloudFormation creates the buckets, queues, tables, buses and rules of the template.
What it cannot create (API Gateway, Lambda, Scheduler, queue and bucket policies, secrets) is
left out of the stack and played by the runner instead; what it ignores (bucket
notifications and versioning, table TTL) is applied through the API after the stack is up.
Lifecycle rules are not: moto stores them but never expires anything, as with TTL.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

from newsflow.storage.template import load_template

STACK_NAME = "newsflow-local"
ACCOUNT_ID = "123456789012"  # moto's default account
LOCAL_MAX_VISIBILITY_SECONDS = 20
# Resource types the runner plays itself or leaves out: moto cannot create them, or they would
# swallow work (an event source mapping makes moto's fake Lambda consume the queue).
_PLAYED_BY_RUNNER = (
    "AWS::ApiGateway::",
    "AWS::Lambda::",
    "AWS::Scheduler::",
    "AWS::IAM::",
    "AWS::SQS::QueuePolicy",
    "AWS::S3::BucketPolicy",
    "AWS::SecretsManager::Secret",
    # Dashboard and alarms watch the deployed functions; locally there is nothing to watch.
    "AWS::CloudWatch::",
)
_DYNAMIC_SECRET = re.compile(r"\{\{resolve:secretsmanager:([^:}]+(?::[^:}]+)*?):SecretString\}\}")
_SUB_VARIABLE = re.compile(r"\$\{([^}!][^}]*)\}")


class TemplateError(ValueError):
    """The template uses something the local runner cannot play."""


class _NoManagedPolicies:
    """SAM's policy loader, without calling IAM: policies mean nothing to moto."""

    def load(self) -> dict[str, str]:
        return {}


def sam_transform(template: dict[str, Any], region: str) -> dict[str, Any]:
    """The CloudFormation template SAM would deploy (CodeUri stand-ins: nothing is uploaded)."""
    import os  # noqa: PLC0415 - the translator reads the region from the environment

    from samtranslator.translator.transform import transform  # noqa: PLC0415 - heavy, local only

    os.environ.setdefault("AWS_DEFAULT_REGION", region)
    # The translator logs notes on features a deployment would toggle; they mean nothing here.
    logging.getLogger("samtranslator").setLevel(logging.ERROR)
    data = json.loads(json.dumps(template))  # a deep copy the translator may change
    for resource in data["Resources"].values():
        properties = resource.get("Properties", {})
        if resource["Type"] == "AWS::Serverless::Function":
            properties["CodeUri"] = "s3://newsflow-local/code.zip"
        elif resource["Type"] == "AWS::Serverless::LayerVersion":
            properties["ContentUri"] = "s3://newsflow-local/layer.zip"
    result: dict[str, Any] = transform(data, {}, _NoManagedPolicies())
    return result


@dataclass
class Deployment:
    """The deployed stack: physical names, and the intrinsic functions resolved against them."""

    endpoint: str
    region: str
    template: dict[str, Any]  # as written (SAM)
    resources: dict[str, Any]  # after the SAM transform
    parameters: dict[str, str]
    physical: dict[str, str] = field(default_factory=dict)
    secret_values: dict[str, str] = field(default_factory=dict)

    _clients: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _clients_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def client(self, service: str) -> Any:
        """One client per service for the runner's own calls, made once and shared by its
        threads (boto3 clients are thread-safe).

        Made once because making a client reads the whole environment (botocore's proxy
        check iterates os.environ), and a function invocation in another thread swaps the
        function's variables in and out of it: a key removed mid-iteration is a KeyError.
        """
        with self._clients_lock:
            if service not in self._clients:
                factory: Any = boto3.client  # any service by name: the stubs type each apart
                self._clients[service] = factory(
                    service, endpoint_url=self.endpoint, region_name=self.region
                )
            return self._clients[service]

    def resource_type(self, logical_id: str) -> str:
        return str(self.resources[logical_id]["Type"])

    def resolve(self, value: Any) -> Any:
        """A template value with Ref, GetAtt, Sub, Join, Select and secrets resolved."""
        if isinstance(value, str):
            return _DYNAMIC_SECRET.sub(lambda m: self.secret_values[m.group(1)], value)
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if not isinstance(value, dict):
            return value
        if len(value) != 1:
            return {k: self.resolve(v) for k, v in value.items()}
        ((name, argument),) = value.items()
        if name == "Ref":
            return self.ref(argument)
        if name == "Fn::GetAtt":
            logical, attribute = argument if isinstance(argument, list) else argument.split(".", 1)
            return self.get_att(str(logical), str(attribute))
        if name == "Fn::Sub":
            return self.resolve(self._sub(argument))
        if name == "Fn::Join":
            separator, items = argument
            return separator.join(str(self.resolve(i)) for i in self.resolve(items))
        if name == "Fn::Select":
            index, items = argument
            return self.resolve(items)[int(self.resolve(index))]
        if name == "Fn::If":
            raise TemplateError("conditions are not played locally: avoid Fn::If in functions")
        return {name: self.resolve(argument)}

    def ref(self, name: str) -> str:
        pseudo = {
            "AWS::Region": self.region,
            "AWS::AccountId": ACCOUNT_ID,
            "AWS::StackName": STACK_NAME,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
        }
        if name in pseudo:
            return pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        if name in self.physical:
            return self.physical[name]
        raise TemplateError(f"{name} is not deployed locally")

    def get_att(self, logical: str, attribute: str) -> str:
        kind, physical = self.resource_type(logical), self.ref(logical)
        if kind == "AWS::SQS::Queue":
            name = physical.rsplit("/", 1)[-1]
            values = {
                "Arn": f"arn:aws:sqs:{self.region}:{ACCOUNT_ID}:{name}",
                "QueueName": name,
                "QueueUrl": physical,
            }
        elif kind == "AWS::Events::EventBus":
            values = {
                "Name": physical,
                "Arn": f"arn:aws:events:{self.region}:{ACCOUNT_ID}:event-bus/{physical}",
            }
        elif kind == "AWS::DynamoDB::Table":
            values = {"Arn": f"arn:aws:dynamodb:{self.region}:{ACCOUNT_ID}:table/{physical}"}
        elif kind == "AWS::S3::Bucket":
            values = {"Arn": f"arn:aws:s3:::{physical}", "DomainName": physical}
        else:
            values = {"Arn": physical}
        if attribute not in values:
            raise TemplateError(f"GetAtt {logical}.{attribute} is not played locally")
        return values[attribute]

    def _sub(self, argument: Any) -> str:
        text, variables = (argument, {}) if isinstance(argument, str) else argument

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in variables:
                return str(self.resolve(variables[name]))
            if "." in name and not name.startswith("AWS::"):
                logical, attribute = name.split(".", 1)
                return self.get_att(logical, attribute)
            return self.ref(name)

        return _SUB_VARIABLE.sub(replace, text)


def attach(
    endpoint: str,
    template_path: Path,
    region: str,
    physical: dict[str, str] | None = None,
    secret_values: dict[str, str] | None = None,
) -> tuple[Deployment, dict[str, Any]]:
    """The template read and transformed, bound to a moto server; with the physical ids of an
    earlier deployment that server still holds, ready to use as it is. Also returns the
    transformed template."""
    template = load_template(template_path)
    transformed = sam_transform(template, region)
    deployment = Deployment(
        endpoint=endpoint,
        region=region,
        template=template,
        resources=transformed["Resources"],
        parameters={
            name: str(spec.get("Default", ""))
            for name, spec in transformed.get("Parameters", {}).items()
        },
        physical=dict(physical or {}),
        secret_values=dict(secret_values or {}),
    )
    return deployment, transformed


def deploy(endpoint: str, template_path: Path, region: str) -> Deployment:
    """Deploy template.yaml into the moto server at `endpoint`."""
    deployment, transformed = attach(endpoint, template_path, region)
    _create_secrets(deployment)
    stack = {
        key: value for key, value in transformed.items() if key not in {"Outputs", "Resources"}
    }
    stack["Resources"] = {
        logical: resource
        for logical, resource in transformed["Resources"].items()
        if not resource["Type"].startswith(_PLAYED_BY_RUNNER)
    }
    cloudformation = deployment.client("cloudformation")
    cloudformation.create_stack(StackName=STACK_NAME, TemplateBody=json.dumps(stack))
    summaries = cloudformation.list_stack_resources(StackName=STACK_NAME)
    for summary in summaries["StackResourceSummaries"]:
        logical = summary["LogicalResourceId"]
        properties = transformed["Resources"][logical].get("Properties", {})
        # moto leaves some physical ids empty (event buses): CloudFormation's Ref is the name.
        physical = summary.get("PhysicalResourceId")
        deployment.physical[logical] = physical or str(
            deployment.resolve(properties.get("Name", logical))
        )
    _apply_what_moto_ignores(deployment)
    _shorten_visibility(deployment)
    return deployment


def _shorten_visibility(deployment: Deployment) -> None:
    """In-flight messages of a stopped runner come back in seconds, not the template's minutes.

    The template sizes visibility timeouts for Lambda's cold starts and retries; handlers
    here run in-process, and a restarted runner should not idle for minutes before it
    retries what the stopped one held.
    """
    sqs = deployment.client("sqs")
    for logical, resource in deployment.resources.items():
        if resource["Type"] != "AWS::SQS::Queue":
            continue
        configured = int(resource.get("Properties", {}).get("VisibilityTimeout", 30))
        if configured > LOCAL_MAX_VISIBILITY_SECONDS:
            sqs.set_queue_attributes(
                QueueUrl=deployment.physical[logical],
                Attributes={"VisibilityTimeout": str(LOCAL_MAX_VISIBILITY_SECONDS)},
            )


def _create_secrets(deployment: Deployment) -> None:
    client = deployment.client("secretsmanager")
    for logical, resource in deployment.resources.items():
        if resource["Type"] != "AWS::SecretsManager::Secret":
            continue
        properties = resource.get("Properties", {})
        value = properties.get("SecretString") or secrets.token_urlsafe(48)
        arn = client.create_secret(Name=f"{STACK_NAME}-{logical}", SecretString=value)["ARN"]
        deployment.physical[logical] = arn
        deployment.secret_values[arn] = value


def _apply_what_moto_ignores(deployment: Deployment) -> None:
    for logical, resource in deployment.resources.items():
        properties = resource.get("Properties", {})
        if resource["Type"] == "AWS::S3::Bucket" and "NotificationConfiguration" in properties:
            _put_notifications(deployment, logical, properties["NotificationConfiguration"])
        if resource["Type"] == "AWS::S3::Bucket" and "VersioningConfiguration" in properties:
            deployment.client("s3").put_bucket_versioning(
                Bucket=deployment.physical[logical],
                VersioningConfiguration={"Status": properties["VersioningConfiguration"]["Status"]},
            )
        if resource["Type"] == "AWS::DynamoDB::Table" and "TimeToLiveSpecification" in properties:
            spec = properties["TimeToLiveSpecification"]
            deployment.client("dynamodb").update_time_to_live(
                TableName=deployment.physical[logical],
                TimeToLiveSpecification={
                    "Enabled": bool(spec.get("Enabled")),
                    "AttributeName": spec["AttributeName"],
                },
            )


def _put_notifications(deployment: Deployment, logical: str, config: dict[str, Any]) -> None:
    queues = []
    for entry in config.get("QueueConfigurations", []):
        item: dict[str, Any] = {
            "QueueArn": deployment.resolve(entry["Queue"]),
            "Events": [entry["Event"]],
        }
        rules = entry.get("Filter", {}).get("S3Key", {}).get("Rules", [])
        if rules:
            item["Filter"] = {
                "Key": {"FilterRules": [{"Name": r["Name"], "Value": r["Value"]} for r in rules]}
            }
        queues.append(item)
    if config.get("EventBridgeConfiguration") or queues:
        notification: dict[str, Any] = {"QueueConfigurations": queues}
        if "EventBridgeConfiguration" in config:
            notification["EventBridgeConfiguration"] = {}
        deployment.client("s3").put_bucket_notification_configuration(
            Bucket=deployment.physical[logical], NotificationConfiguration=notification
        )
