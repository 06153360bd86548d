/**
 * Discord API JSON shapes the renderer produces. Plain objects (snake_case, as the API wants
 * them) so the render layer needs no discord.js import and the HTTP interactions endpoint can
 * send them unchanged.
 */
export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Embed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
}

export interface Button {
  type: 2;
  /** 1 primary, 2 secondary, 3 success, 4 danger. */
  style: 1 | 2 | 3 | 4;
  custom_id: string;
  label?: string;
  emoji?: { name: string };
  disabled?: boolean;
}

export interface ActionRow {
  type: 1;
  components: Button[];
}

export interface DiscordMessage {
  content?: string;
  embeds: Embed[];
  components: ActionRow[];
  /** Always empty: notes or users containing `@everyone`, `<@id>` or `<@&role>` ping nobody. */
  allowed_mentions: { parse: []; replied_user?: boolean };
}

export interface RenderOptions {
  /** Template for source links, e.g. `https://github.com/org/notes/blob/main/{file}#L{line}`. */
  sourceUrl?: string | undefined;
  /**
   * Short state the buttons carry to re-ask the same question (`t<text>` or `k<key>`), made by
   * `QueryRefs.refFor`. Without it the message has no buttons.
   */
  ref?: string | undefined;
  /** Which ranked section to show (Next result moves it on). */
  page?: number | undefined;
  /** The answer is already public: no Share button. */
  isPublic?: boolean | undefined;
}
