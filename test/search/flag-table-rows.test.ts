import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeBase, type KnowledgeBase } from "../../src/search/knowledge-base.js";

const NOTE = `# network create

Create a network.

### Options

| Name | Type | Description |
|:-----|:-----|:------------|
| \`--attachable\` | \`bool\` | Enable manual container attachment |
| [\`--internal\`](#internal) | \`bool\` | Restrict external access to the network |
| \`--subnet\` | \`string\` | Subnet in CIDR format that represents a network segment |

## Examples

### Network internal mode (--internal)

Containers attached to such a network can talk to each other and to nothing beyond it.

\`\`\`console
$ docker network create --internal backend
\`\`\`

### Specify advanced options

Pick the subnet and the gateway yourself when the defaults collide with your LAN.
`;

describe("a flag table hands its place to the section headed with the row's flag", () => {
  const dir = mkdtempSync(join(tmpdir(), "flag-rows-"));
  let kb: KnowledgeBase;
  beforeAll(async () => {
    mkdirSync(join(dir, "notes"));
    writeFileSync(join(dir, "notes", "network_create.md"), NOTE);
    kb = await buildKnowledgeBase({ knowledgeDir: join(dir, "notes"), rootDir: dir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("answers with the example the matching row's flag heads, not the table", async () => {
    const outcome = await kb.engine.search("restrict external access of a network");
    expect(outcome.ranked.map((r) => r.section.title).slice(0, 2)).toEqual([
      "Network internal mode (--internal)",
      "Options",
    ]);
  });

  it("leaves the table first when no section is headed with the row's flag", async () => {
    const outcome = await kb.engine.search("enable manual container attachment");
    expect(outcome.ranked[0]?.section.title).toBe("Options");
  });
});
