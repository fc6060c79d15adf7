// OpenAI Agents SDK for JavaScript: run(agent, input, { maxTurns }).
import { Agent, run } from "@openai/agents";

const triage = new Agent({ name: "Triage", instructions: "Route the request.", model: "gpt-4.1" }); // expect: RDY101
const pinned = new Agent({ name: "Pinned", instructions: "Answer.", model: "gpt-4.1-2025-04-14" }); // ok

export async function handle(input: string) {
  await run(pinned, input, { maxTurns: 4 }); // ok
  await run(triage, input, { context: {} }); // expect: RDY302
  return run(triage, input); // expect: RDY302
}
