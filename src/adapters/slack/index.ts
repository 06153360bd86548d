export { createSlackApp, type SlackApp, type SlackAppOptions, type SlackRetryConfig } from "./create-slack-app.js";
export { slackTextToPlain } from "./slack-text.js";
