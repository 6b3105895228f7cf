/**
 * What the log agent, Fluent Bit, decides. Sources: fluent/fluent-bit-docs (commit f92ae080):
 * `installation/downloads/docker.md` (the image, its tags, `-c /fluent-bit/etc/fluent-bit.yaml`),
 * `administration/configuring-fluent-bit/yaml/*` (YAML sections, `${VAR}` from the environment),
 * `administration/monitoring.md` (the HTTP server's endpoints), `pipeline/inputs/tail.md` (`db`, `read_from_head`, `path_key`, `multiline.parser`),
 * `administration/transport-security.md` (`tls.verify` is on, `tls.verify_hostname` off by default),
 * `pipeline/outputs/{opentelemetry,loki,elasticsearch,s3}.md` (each output's keys and defaults).
 */
export const logAgentFacts = {
  /** The image's entrypoint is the binary; `-c` names the config (docker.md "Use a configuration file"). */
  configArgs: (file: string) => ['-c', file],
  /** Where the rendered config is mounted; the image's own `/fluent-bit/etc` stays as it is. */
  configDir: '/fluent-bit/etc/apim',
  configFile: 'fluent-bit.yaml',
  /** Scratch space the agent writes: tail offsets (`db`), filesystem buffers (`storage.path`), S3 parts (`store_dir`). */
  stateDir: '/var/lib/fluent-bit',
  /**
   * Port of the built-in HTTP server (`http_port`, default 2020; service-section.md), whose `/` answers while the
   * process runs: the liveness probe. Not its health check, which fails while the destination is down, and a
   * restart would not bring the destination back.
   */
  httpPort: 2020,
  /** Where a destination's CA is mounted. */
  caDir: '/fluent-bit/tls',
} as const;
