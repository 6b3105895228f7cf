import type { EnvironmentSpec } from '@apim-gitops/models';
import {
  resolveEnvironment,
  wso2ConfigVolume,
  wso2ConsoleAppender,
  wso2JsonConsoleLayout,
  wso2Log4j2Appenders,
  wso2Log4j2Listed,
  wso2Paths,
  wso2StdoutLoggers,
} from '@apim-gitops/models';
import { describe, expect, it } from 'vitest';
import type { Obj } from './rendered';
import { environments, mainContainer, named, renderWso2Plain } from './rendered';

// Every rendered log4j2.properties held to models' wso2/log4j2-facts.ts: the `appenders` and `loggers` lists each
// distribution's own file has (product-apim v4.5.0), every logger defined, every reference resolved, and the
// console in JSON exactly when the environment asks for it.

/** A .properties text as key → value (no continuation lines: the renderer writes none). */
function properties(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    expect(at, line).toBeGreaterThan(0);
    const key = line.slice(0, at).trim();
    expect(map.has(key), `${key} is set twice`).toBe(false);
    map.set(key, line.slice(at + 1).trim());
  }
  return map;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function log4j2Of(objects: readonly Obj[], id: string): Map<string, string> {
  return properties(named(objects, 'ConfigMap', `${id}-config`).data['log4j2.properties']);
}

const withFormat = (spec: EnvironmentSpec, format: 'json' | 'text'): EnvironmentSpec => ({ ...spec, logging: { ...spec.logging, format } });

describe.each(Object.keys(environments))('%s: each WSO2 image gets its own log4j2.properties', (name) => {
  const spec = environments[name]!;
  const env = resolveEnvironment(spec, name);
  const wso2 = env.wso2!;
  const objects = renderWso2Plain(spec);
  const components = [wso2.controlPlane, wso2.keyManager, wso2.gateway];

  describe.each(components.map((c) => [c.id, c] as const))('%s', (id, component) => {
    const props = log4j2Of(objects, id);
    const listed = wso2Log4j2Listed[component.imageKind];

    it("configures exactly the loggers the product's file lists, each with its name", () => {
      expect(new Set(list(props.get('loggers')))).toEqual(new Set(listed.loggers));
      for (const key of listed.loggers) expect(props.get(`logger.${key}.name`), key).toBeTruthy();
    });

    it("configures exactly the appenders the product's file lists, each defined", () => {
      expect(new Set(list(props.get('appenders')))).toEqual(new Set(listed.appenders));
      for (const key of listed.appenders) expect(props.get(`appender.${key}.type`), key).toBeTruthy();
    });

    it('refers only to appenders it defines and lists', () => {
      const names = new Map(listed.appenders.map((key) => [props.get(`appender.${key}.name`), key]));
      const refs = [...props.entries()].filter(([k]) => /^(logger\.[^.]+|rootLogger)\.appenderRef\./.test(k)).map(([, v]) => v);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(names.has(ref), ref).toBe(true);
    });

    it('writes the console in JSON exactly when logging.format is json, and the audit, access and correlation logs there too', () => {
      const layout = props.get(`appender.${wso2ConsoleAppender}.layout.type`);
      const stdoutLoggers = wso2StdoutLoggers.filter((key) => listed.loggers.includes(key));
      if (env.logging.format === 'json') {
        expect(layout).toBe(wso2JsonConsoleLayout.type);
        expect(props.get(`appender.${wso2ConsoleAppender}.layout.eventTemplateUri`)).toBe(wso2JsonConsoleLayout.eventTemplateUri);
        for (const key of stdoutLoggers) expect(props.get(`logger.${key}.appenderRef.${wso2ConsoleAppender}.ref`), key).toBe(wso2ConsoleAppender);
      } else {
        expect(layout).toBe('PatternLayout');
      }
      // Only the console changes layout: every file appender keeps the product's pattern.
      for (const a of wso2Log4j2Appenders.filter((a) => a.kind === 'RollingFile' && listed.appenders.includes(a.key)))
        expect(props.get(`appender.${a.key}.layout.pattern`), a.key).toBe('pattern' in a ? a.pattern : undefined);
    });

    it('is mounted where the entrypoint copies it over the server home', () => {
      const deployment = named(objects, 'Deployment', id);
      const mount = mainContainer(deployment).volumeMounts.find((m: Obj) => m.subPath === 'log4j2.properties');
      expect(mount).toMatchObject({ name: 'config', mountPath: `${wso2ConfigVolume}/${wso2Paths.log4j2Properties}`, readOnly: true });
      const volume = deployment.spec.template.spec.volumes.find((v: Obj) => v.name === 'config');
      expect(volume.configMap.items).toContainEqual({ key: 'log4j2.properties', path: 'log4j2.properties' });
    });
  });
});

describe('logging.format', () => {
  const spec = environments.base!;

  it('text gives back the product layouts, and the audit logs stay in their files only', () => {
    const objects = renderWso2Plain(withFormat(spec, 'text'));
    const props = log4j2Of(objects, 'wso2-control-plane');
    expect(props.get(`appender.${wso2ConsoleAppender}.layout.type`)).toBe('PatternLayout');
    for (const key of wso2StdoutLoggers) expect(props.get(`logger.${key}.appenderRef.${wso2ConsoleAppender}.ref`), key).toBeUndefined();
  });

  it('rolls the pods when it changes, through the config checksum', () => {
    const checksum = (format: 'json' | 'text') =>
      named(renderWso2Plain(withFormat(spec, format)), 'Deployment', 'wso2-gateway').spec.template.metadata.annotations['checksum/config'];
    expect(checksum('json')).not.toBe(checksum('text'));
  });
});
