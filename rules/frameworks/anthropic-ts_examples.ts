// @anthropic-ai/sdk: max_tokens is required by the API, so only the model ID is judged.
import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic();

export async function answer(text: string) {
  return client.messages.create({ model: "claude-sonnet-4-6", max_tokens: 500, messages: [{ role: "user", content: text }] }); // ok
}

export async function classify(text: string) {
  return client.messages.create({ model: "claude-3-5-haiku-latest", max_tokens: 50, messages: [{ role: "user", content: text }] }); // expect: RDY101
}
