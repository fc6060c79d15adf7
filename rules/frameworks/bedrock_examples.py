"""Contract reviewer on Amazon Bedrock through boto3: what readiness must report, and look-alikes it must not."""
import json

import boto3

runtime = boto3.client("bedrock-runtime", region_name="eu-west-1")
agents = boto3.client("bedrock-agent-runtime", region_name="eu-west-1")
CLAUSE = [{"role": "user", "content": [{"text": "Summarise clause 4."}]}]
CAPPED = {"maxTokens": 600, "temperature": 0.2}
WARM = {"temperature": 0.8}


def review() -> dict:
    return runtime.converse(modelId="anthropic.claude-haiku-4-5-20251001-v1:0", messages=CLAUSE)  # expect: RDY301


def review_capped() -> dict:
    return runtime.converse(modelId="us.amazon.nova-pro-v1:0", messages=CLAUSE, inferenceConfig=CAPPED)  # ok


def review_warm() -> dict:
    return runtime.converse(modelId="us.amazon.nova-pro-v1:0", messages=CLAUSE, inferenceConfig=WARM)  # expect: RDY301


def review_streamed() -> dict:
    return runtime.converse_stream(modelId="amazon.nova-lite-v1:0", messages=CLAUSE, inferenceConfig={"maxTokens": 300})  # ok


def review_streamed_uncapped() -> dict:
    return runtime.converse_stream(modelId="amazon.nova-lite-v1:0", messages=CLAUSE)  # expect: RDY301


def review_native() -> dict:
    body = json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 500, "messages": [{"role": "user", "content": "Hi"}]})
    return runtime.invoke_model(modelId="anthropic.claude-haiku-4-5-20251001-v1:0", body=body)  # ok


def research(question: str) -> dict:
    config = {"foundationModelType": "MANAGED"}
    return agents.agentic_retrieve_stream(messages=[{"role": "user", "content": question}], retrievers=[], agenticRetrieveConfiguration=config)  # expect: RDY302


def research_bounded(question: str) -> dict:
    config = {"foundationModelType": "MANAGED", "maxAgentIteration": 4}
    return agents.agentic_retrieve_stream(messages=[{"role": "user", "content": question}], retrievers=[], agenticRetrieveConfiguration=config)  # ok


def inline_agent(text: str) -> dict:
    return agents.invoke_inline_agent(foundationModel="anthropic.claude-haiku-4-5-20251001-v1:0", instruction="Review contracts politely.", sessionId="s-1", inputText=text)  # ok
