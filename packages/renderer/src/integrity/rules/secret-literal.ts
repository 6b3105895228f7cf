import { isSecretLookingKey, isSecretPlaceholder } from '@apim-gitops/models';
import type { IntegrityRule } from '../integrity-rule';
import { configTexts, lineAt } from '../config-text';

// `key = value` (TOML, properties) or `key: value` (YAML) on one line of a config file.
const assignment = /^[ \t]*["']?([A-Za-z0-9_.\-]+)["']?[ \t]*[=:][ \t]*(.*?)[ \t]*$/gm;

/** True for a value that is no secret whatever its key: a placeholder, a boolean, an array or table opener. */
function harmless(value: string): boolean {
  const v = value.replace(/\s+#.*$/, '').trim();
  return isSecretPlaceholder(v) || /^(true|false|\[.*\]|\{.*\}|\[|\{|\||>)$/i.test(v);
}

/**
 * A secret-looking key (password, secret, token, key …) in an env var or a ConfigMap (the key
 * itself, or a `key = value` line of a config file in it) must hold a placeholder such as
 * `$env{…}`, `$ref{…}` or `${…}`, never the value: ConfigMaps and pod specs are committed in git.
 */
export const secretLiteralRule: IntegrityRule = {
  id: 'secret-literal',
  description: 'secret-looking keys in env values and ConfigMap data hold $env{…}/$ref{…}/${…} placeholders, not literal values',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const advice = 'move the value to a Secret and reference it (env valueFrom.secretKeyRef, or a $env{…} placeholder)';
    for (const text of configTexts(objects)) {
      if (!text.text.includes('\n') && isSecretLookingKey(text.key) && !harmless(text.text)) {
        findings.push({ object: text.object, message: `${text.at} holds a literal secret value: ${advice}` });
        continue;
      }
      for (const m of text.text.matchAll(assignment)) {
        if (isSecretLookingKey(m[1]!) && m[2] !== '' && !harmless(m[2]!))
          findings.push({ object: text.object, message: `${lineAt(text, m.index!)}: ${JSON.stringify(m[1])} holds a literal secret value: ${advice}` });
      }
    }
    return findings;
  },
};
