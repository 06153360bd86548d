/** Discord's documented message limits; every renderer cuts to these. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsTotal: 6000,
  embeds: 10,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  choiceName: 100,
  choiceValue: 100,
  choices: 25,
} as const;
