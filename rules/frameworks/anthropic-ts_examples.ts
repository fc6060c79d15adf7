// @anthropic-ai/sdk: max_tokens is required by the API, so only the model ID and the tool loop are judged.
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic();

export async function answer(text: string) {
  return client.messages.create({ model: "claude-sonnet-4-6", max_tokens: 500, messages: [{ role: "user", content: text }] }); // ok
}

export async function classify(text: string) {
  return client.messages.create({ model: "claude-3-5-haiku-latest", max_tokens: 50, messages: [{ role: "user", content: text }] }); // expect: RDY101
}

export function chat() {
  return client.beta.messages.thread({ model: "claude-sonnet-4-6", max_tokens: 800 }); // ok
}

export async function agent(text: string, tools: any[]) {
  const bounded = client.beta.messages.toolRunner({ model: "claude-sonnet-4-6", max_tokens: 1000, tools, messages: [{ role: "user", content: text }], max_iterations: 6 }); // ok
  await bounded.runUntilDone();
  return client.beta.messages.toolRunner({ model: "claude-sonnet-4-6", max_tokens: 1000, tools, messages: [{ role: "user", content: text }] }); // expect: RDY302
}
