import type { Log4jAppender, Log4jLogger, LogFormat, Wso2ImageKind } from '@apim-gitops/models';
import {
  wso2ConsoleAppender,
  wso2JsonConsoleLayout,
  wso2Log4j2Appenders,
  wso2Log4j2Loggers,
  wso2Log4j2Root,
  wso2LogsDir,
  wso2StdoutLoggers,
} from '@apim-gitops/models';

type Lines = string[];

const forImage = (kind: Wso2ImageKind) => (item: { readonly only?: readonly Wso2ImageKind[] }) => !item.only || item.only.includes(kind);

function appenderLines(a: Log4jAppender, format: LogFormat): Lines {
  const p = `appender.${a.key}`;
  const lines = [`${p}.type = ${a.kind}`, `${p}.name = ${a.name ?? a.key}`];
  const layout = (pattern: string) => {
    // JSON on stdout changes the console's layout and nothing else of the file.
    if (format === 'json' && a.key === wso2ConsoleAppender)
      lines.push(`${p}.layout.type = ${wso2JsonConsoleLayout.type}`, `${p}.layout.eventTemplateUri = ${wso2JsonConsoleLayout.eventTemplateUri}`);
    else lines.push(`${p}.layout.type = PatternLayout`, `${p}.layout.pattern = ${pattern}`);
  };
  switch (a.kind) {
    case 'Console':
      layout(a.pattern);
      break;
    case 'Syslog':
      lines.push(`${p}.host = ${a.host}`, `${p}.facility = ${a.facility}`);
      layout(a.pattern);
      break;
    case 'PaxOsgi':
      lines.push(`${p}.filter = ${a.filter}`);
      break;
    case 'RollingFile':
      lines.push(`${p}.fileName = ${wso2LogsDir}/${a.file}`, `${p}.filePattern = ${wso2LogsDir}/${a.rolledFile}`);
      layout(a.pattern);
      if (a.daily || a.rollAtSize) lines.push(`${p}.policies.type = Policies`);
      if (a.daily) lines.push(`${p}.policies.time.type = TimeBasedTriggeringPolicy`, `${p}.policies.time.interval = 1`, `${p}.policies.time.modulate = true`);
      if (a.rollAtSize) lines.push(`${p}.policies.size.type = SizeBasedTriggeringPolicy`, `${p}.policies.size.size = ${a.rollAtSize}`);
      if (a.keep !== undefined) lines.push(`${p}.strategy.type = DefaultRolloverStrategy`, `${p}.strategy.max = ${a.keep}`);
      break;
  }
  if (a.threshold) lines.push(`${p}.filter.threshold.type = ThresholdFilter`, `${p}.filter.threshold.level = ${a.threshold}`);
  return lines;
}

function loggerLines(l: Log4jLogger, format: LogFormat): Lines {
  const p = `logger.${l.key}`;
  const refs = [...(l.appenderRefs ?? [])];
  // These loggers write to their own files only; with JSON on stdout they reach the console too.
  if (format === 'json' && (wso2StdoutLoggers as readonly string[]).includes(l.key)) refs.push(wso2ConsoleAppender);
  return [
    `${p}.name = ${l.name}`,
    `${p}.level = ${l.level}`,
    ...refs.map((ref) => `${p}.appenderRef.${ref}.ref = ${ref}`),
    ...(l.additivity === undefined ? [] : [`${p}.additivity = ${l.additivity}`]),
  ];
}

/**
 * `repository/conf/log4j2.properties` of one image: the product's appenders and loggers (models' wso2/log4j2-facts.ts),
 * with the console in log4j's JSON template layout and the audit, correlation, HTTP access and API loggers also on
 * the console when `format` is `json`.
 */
export function log4j2Properties(kind: Wso2ImageKind, format: LogFormat): string {
  const appenders = wso2Log4j2Appenders.filter(forImage(kind));
  const loggers = wso2Log4j2Loggers.filter(forImage(kind));
  const blocks: Lines[] = [
    [
      `# log4j2 configuration of ${kind}: the product's own appenders and loggers (product-apim v4.5.0), ${format === 'json' ? 'console in JSON' : 'text layouts'}.`,
      `appenders = ${appenders
        .filter((a) => a.listed !== false)
        .map((a) => a.key)
        .join(', ')}`,
    ],
    ...appenders.map((a) => appenderLines(a, format)),
    [
      `loggers = ${loggers
        .filter((l) => l.listed !== false)
        .map((l) => l.key)
        .join(', ')}`,
    ],
    ...loggers.map((l) => loggerLines(l, format)),
    [`rootLogger.level = ${wso2Log4j2Root.level}`, ...wso2Log4j2Root.appenderRefs.map((ref) => `rootLogger.appenderRef.${ref}.ref = ${ref}`)],
  ];
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}
