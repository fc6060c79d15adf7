// OpenAI Agents SDK for JavaScript: run(agent, input, { maxTurns }); the output cap is modelSettings.maxTokens.
import { Agent, Runner, run } from "@openai/agents";

const triage = new Agent({ name: "Triage", instructions: "Route the request.", model: "gpt-4.1" }); // expect: RDY101
const pinned = new Agent({ name: "Pinned", instructions: "Answer.", model: "gpt-4.1-2025-04-14", modelSettings: { maxTokens: 500 } }); // ok
const runner = new Runner({ model: "gpt-5.1-2025-11-13" }); // ok

export async function handle(input: string) {
  await run(pinned, input, { maxTurns: 4 }); // ok
  await run(triage, input, { context: {} }); // expect: RDY302
  await run(triage, input, { stream: true, maxTurns: 3 }); // ok
  await runner.run(pinned, input, { maxTurns: 5 }); // ok
  return run(triage, input); // expect: RDY302
}
