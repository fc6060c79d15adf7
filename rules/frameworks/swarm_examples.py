"""Support triage on OpenAI Swarm: the lines readiness must report (expect) and their look-alikes (ok)."""
from swarm import Agent, Swarm
from swarm.repl import run_demo_loop


def transfer_to_billing():
    """Hand the conversation over to the billing agent."""
    return billing


def lookup_invoice(invoice_id: str) -> str:
    """Look an invoice up by its ID."""
    return f"invoice {invoice_id}: paid"


triage = Agent(name="Triage", instructions="Route the user.", functions=[transfer_to_billing])  # expect: RDY102 RDY301
billing = Agent(name="Billing", model="gpt-4o", functions=[lookup_invoice])  # expect: RDY101 RDY301
auditor = Agent(name="Auditor", model="gpt-4o-2024-08-06", instructions="Check refunds.")  # expect: RDY301

client = Swarm()


def handle(messages):
    return client.run(agent=triage, messages=messages)  # expect: RDY302


def handle_capped(messages):
    return client.run(agent=triage, messages=messages, max_turns=6)  # ok


def stream_billing(messages):
    return client.run_and_stream(agent=billing, messages=messages)  # expect: RDY302


def stream_capped(messages):
    return client.run(agent=billing, messages=messages, stream=True, max_turns=4)  # ok


def audit(messages):
    return client.run(agent=auditor, messages=messages, max_turns=2, execute_tools=False)  # ok


def demo(agent: Agent) -> None:
    run_demo_loop(agent)  # expect: RDY302 (the REPL runs the agent with no max_turns)
