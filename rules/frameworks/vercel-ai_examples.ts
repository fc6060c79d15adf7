// Vercel AI SDK: caps on the generate/stream calls and agents, stopWhen on agents.
import { generateText, streamText, ToolLoopAgent, stepCountIs } from "ai";
import { openai } from "@ai-sdk/openai";

export async function answer(prompt: string) {
  return generateText({ model: openai("gpt-5.1-2025-11-13"), prompt }); // expect: RDY301
}

export async function capped(prompt: string) {
  return generateText({ model: openai("gpt-5.1-2025-11-13"), prompt, maxOutputTokens: 400 }); // ok
}

export function live(prompt: string) {
  return streamText({ model: "openai/gpt-4o", prompt, maxOutputTokens: 400 }); // expect: RDY101
}

export const helper = new ToolLoopAgent({ model: openai("gpt-5.1-2025-11-13"), tools: {} }); // expect: RDY301 RDY302
export const bounded = new ToolLoopAgent({ model: openai("gpt-5.1-2025-11-13"), tools: {}, stopWhen: stepCountIs(6), maxOutputTokens: 600 }); // ok
export const routed = new ToolLoopAgent({ model: "anthropic/claude-sonnet-4-6", tools: {}, stopWhen: stepCountIs(3), maxOutputTokens: 600 }); // ok
