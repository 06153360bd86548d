import type { Locale } from "../i18n/locale.js";
import type { SourceLinks } from "../source-link.js";

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
  /**
   * `parse` is always empty: notes or users containing `@everyone`, `<@id>` or `<@&role>` ping
   * nobody. `users` names the one member an answer is for (the `target` option), never more.
   */
  allowed_mentions: { parse: []; users?: string[]; replied_user?: boolean };
}

export interface RenderOptions {
  /** The asker's language (default English). */
  locale?: Locale | undefined;
  /** Where source links point (`KNOWLEDGE_SOURCE_URL`, relative to `KNOWLEDGE_DIR`). */
  links?: SourceLinks | undefined;
  /**
   * Short state the buttons carry to re-ask the same question (`t<text>` or `k<key>`), made by
   * `QueryRefs.refFor`. Without it the message has no buttons.
   */
  ref?: string | undefined;
  /** Which ranked section (or page of the outline) to show. */
  page?: number | undefined;
  /** The answer is public (in the channel): no Share button; `owner`'s clicks alone change it. */
  isPublic?: boolean | undefined;
  /** Who asked (or shared) a public answer: their buttons change it, and they get Delete. */
  owner?: string | undefined;
  /** Only the runnable examples (default: for the `examples` command). */
  examplesOnly?: boolean | undefined;
  /** Text above the answer (who shared it, whom it is for, why this is a private copy). */
  content?: string | undefined;
  /** The one user `content` may ping (the `target` option). */
  mention?: string | undefined;
  /** Share replies to this message ("Ask the notes" on it). */
  replyTo?: string | undefined;
  /** A line under the answer's text (e.g. "Was this right? 👍 / 👎" in an answer channel). */
  footer?: string | undefined;
}
