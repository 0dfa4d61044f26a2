import { describe, expect, it } from "vitest";
import { filterResource, filterScope } from "./filter-resource";
import { testOptions } from "./test-helpers";

describe("filterResource", () => {
  it("keeps the 2.2 resource keys, k8s.*.name, telemetry.sdk/distro.* and tenant metadata", () => {
    const attrs = {
      "service.name": "billing-agent",
      "service.namespace": "payments",
      "service.version": "1.4.2",
      "service.instance.id": "6f1c",
      "deployment.environment.name": "production",
      "telemetry.sdk.language": "nodejs",
      "telemetry.sdk.version": "2.12.0",
      "telemetry.distro.name": "skein",
      "cloud.provider": "aws",
      "cloud.region": "eu-west-1",
      "process.runtime.name": "nodejs",
      "os.type": "linux",
      "host.arch": "amd64",
      "k8s.namespace.name": "agents",
      "k8s.pod.name": "agent-7d9f",
      "openinference.project.name": "support",
      "app.region": "eu",
    };
    const r = filterResource({ attributes: attrs }, testOptions);
    expect(r.attributes).toEqual(attrs);
    expect(r.droppedKeys).toEqual({});
    expect(r.contentHits).toBe(0);
  });

  it("drops host.name, command lines, env vars and unknown strings; keeps unknown numbers", () => {
    const r = filterResource(
      {
        attributes: {
          "host.name": "johns-macbook",
          "process.command_line": "node agent.js --api-key=k",
          "process.command_args": ["node", "agent.js"],
          "process.env.OPENAI_API_KEY": "sk",
          "process.executable.path": "/usr/bin/node",
          "process.pid": 4242,
          "k8s.pod.uid.name2": "x",
        },
      },
      testOptions,
    );
    expect(r.attributes).toEqual({ "process.pid": 4242 });
    expect(r.droppedKeys).toEqual({
      "host.name": 1,
      "process.command_line": 1,
      "process.command_args": 1,
      "process.env.OPENAI_API_KEY": 1,
      "process.executable.path": 1,
      "k8s.pod.uid.name2": 1,
    });
    expect(r.contentHits).toBe(3);
  });

  it("does not accept resource-only keys on spans' scopes", () => {
    const s = filterScope(
      { name: "@arizeai/openinference-instrumentation-openai", version: "4.2.7", attributes: { "service.name": "x" } },
      testOptions,
    );
    expect(s).toEqual({
      name: "@arizeai/openinference-instrumentation-openai",
      version: "4.2.7",
      attributes: {},
      droppedKeys: { "service.name": 1 },
      contentHits: 0,
    });
  });

  it("caps scope name and version and drops scope attribute strings", () => {
    const s = filterScope(
      { name: "s".repeat(300), version: "1", attributes: { "my.scope.attribute": "some scope attribute" } },
      testOptions,
    );
    expect(s.name).toBe("s".repeat(256));
    expect(s.attributes).toEqual({});
    expect(s.droppedKeys).toEqual({ "my.scope.attribute": 1 });
  });
});
