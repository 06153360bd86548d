import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import * as apps from "kubernetes-models/apps/v1";
import * as autoscaling from "kubernetes-models/autoscaling/v2";
import * as policy from "kubernetes-models/policy/v1";
import * as core from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

/**
 * deploy/kubernetes (issue 16), validated against the Kubernetes API's JSON schemas: every
 * manifest each kustomization lists goes through `kubernetes-models`' generated validators (the
 * OpenAPI schema of its apiVersion and kind), and what the issue asks of the deployment is checked
 * (probes, resources, a non-root read-only container, the shards' ordinals).
 */
const ROOT = join(import.meta.dirname, "..", "..", "deploy", "kubernetes");

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

type Validatable = { validate(): void };

/** The API groups the manifests use, as kubernetes-models generates them. */
const GROUPS: Record<string, Record<string, unknown>> = {
  v1: core,
  "apps/v1": apps,
  "policy/v1": policy,
  "autoscaling/v2": autoscaling,
};

/** The model class for a manifest: `apps/v1` + `Deployment` → kubernetes-models/apps/v1's Deployment. */
async function validatorFor(m: Manifest): Promise<new (data: unknown) => Validatable> {
  const model = GROUPS[m.apiVersion]?.[m.kind] as (new (data: unknown) => Validatable) | undefined;
  if (!model) throw new Error(`no schema for ${m.apiVersion} ${m.kind}`);
  return model;
}

export async function validate(m: Manifest): Promise<void> {
  const Model = await validatorFor(m);
  new Model(m).validate();
}

function readYaml(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, "utf8")).map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors[0]?.message}`);
    return d.toJS() as Manifest;
  });
}

/** The manifests a kustomization builds (its resources, following bases), by file. */
function kustomize(dir: string): Array<{ file: string; manifest: Manifest }> {
  const k = readYaml(join(dir, "kustomization.yaml"))[0] as unknown as { resources: string[] };
  return k.resources.flatMap((r) => {
    const path = join(dir, r);
    if (!existsSync(path))
      throw new Error(`${relative(ROOT, dir)}/kustomization.yaml lists ${r}, which does not exist`);
    if (statSync(path).isDirectory()) return kustomize(path);
    return readYaml(path).map((manifest) => ({ file: relative(ROOT, path), manifest }));
  });
}

const kustomizations = (function find(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? find(join(dir, e.name)) : e.name === "kustomization.yaml" ? [dir] : [],
  );
})(ROOT);

const all = kustomize(join(ROOT, "overlays", "discord-shards"));
const byKind = (kind: string, name?: string) =>
  all.map((a) => a.manifest).filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));

type Container = {
  name: string;
  image: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
  readinessProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
  env?: Array<{ name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }>;
};
type PodSpec = { containers: Container[]; securityContext?: Record<string, unknown> };
const podSpec = (m: Manifest) => (m.spec as { template: { spec: PodSpec } }).template.spec;

describe("Kubernetes manifests (deploy/kubernetes)", () => {
  it("every kustomization lists files that exist, and every manifest is valid against its schema", async () => {
    expect(kustomizations.map((d) => relative(ROOT, d)).sort()).toEqual(["base", "overlays/discord-shards"]);
    for (const dir of kustomizations) {
      for (const { file, manifest } of kustomize(dir)) {
        await expect(validate(manifest), `${file}: ${manifest.kind}`).resolves.toBeUndefined();
      }
    }
    expect(all.map((a) => a.manifest.kind).sort()).toEqual([
      "ConfigMap",
      "Deployment",
      "HorizontalPodAutoscaler",
      "PodDisruptionBudget",
      "PodDisruptionBudget",
      "Secret",
      "Service",
      "Service",
      "StatefulSet",
    ]);
  });

  it("fails on an invalid manifest (the validation can fail)", async () => {
    const deployment = structuredClone(byKind("Deployment")[0]!);
    (deployment.spec as { replicas: unknown }).replicas = "three";
    await expect(validate(deployment)).rejects.toThrow(/replicas must be integer/);
    const noImage = structuredClone(byKind("Deployment")[0]!);
    delete (podSpec(noImage).containers[0] as Partial<Container>).name;
    await expect(validate(noImage)).rejects.toThrow(/name/);
    const badProbe = structuredClone(byKind("StatefulSet")[0]!);
    (podSpec(badProbe).containers[0] as { readinessProbe: unknown }).readinessProbe = { httpGet: { path: 1 } };
    await expect(validate(badProbe)).rejects.toThrow();
    await expect(validate({ apiVersion: "apps/v1", kind: "Deploymnet", metadata: { name: "x" } })).rejects.toThrow(
      /no schema for apps\/v1 Deploymnet/,
    );
  });

  it("runs the bot non-root on a read-only root, with probes and resources from the bench", () => {
    for (const workload of [...byKind("Deployment"), ...byKind("StatefulSet")]) {
      const spec = podSpec(workload);
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      const bot = spec.containers.find((c) => c.name === "bot")!;
      expect(bot.readinessProbe?.httpGet?.path).toBe("/readyz");
      expect(bot.livenessProbe?.httpGet?.path).toBe("/healthz");
      expect(bot.resources?.requests?.memory).toBe("192Mi");
      expect(bot.resources?.limits?.memory).toBe("512Mi");
      for (const c of spec.containers)
        expect(c.securityContext, c.name).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
        });
      // The notes come from git-sync beside the bot.
      expect(spec.containers.map((c) => c.name)).toContain("notes-sync");
    }
  });

  it("targets the Deployment with the Service, the PodDisruptionBudget and the autoscaler", () => {
    const deployment = byKind("Deployment")[0]!;
    const labels = (deployment.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata
      .labels;
    const service = byKind("Service", "docker-notes-bot")[0]!;
    expect(labels).toMatchObject((service.spec as { selector: Record<string, string> }).selector);
    const pdb = byKind("PodDisruptionBudget", "docker-notes-bot")[0]!;
    expect(labels).toMatchObject(
      (pdb.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
    );
    const hpa = byKind("HorizontalPodAutoscaler")[0]!;
    expect((hpa.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef).toMatchObject({
      kind: "Deployment",
      name: deployment.metadata.name,
    });
  });

  it("gives each gateway pod the shard of its ordinal, as many pods as shards", () => {
    const sts = byKind("StatefulSet")[0]!;
    const env = podSpec(sts).containers.find((c) => c.name === "bot")!.env ?? [];
    const count = env.find((e) => e.name === "DISCORD_SHARD_COUNT")?.value;
    expect(Number(count)).toBe((sts.spec as { replicas: number }).replicas);
    expect(env.find((e) => e.name === "DISCORD_SHARDS")?.valueFrom?.fieldRef?.fieldPath).toBe(
      "metadata.labels['apps.kubernetes.io/pod-index']",
    );
    // The HTTP replicas hold no shard.
    const config = byKind("ConfigMap")[0] as unknown as { data: Record<string, string> };
    expect(config.data.DISCORD_SHARDS).toBe("none");
  });

  it("documents every setting the manifests pass in .env.example", () => {
    const example = readFileSync(join(dirname(dirname(ROOT)), ".env.example"), "utf8");
    const config = byKind("ConfigMap")[0] as unknown as { data: Record<string, string> };
    const bot = new Set(Object.keys(config.data).filter((k) => !k.startsWith("NOTES_")));
    for (const key of bot) expect(example, key).toMatch(new RegExp(`^#? ?${key}=`, "m"));
  });
});
