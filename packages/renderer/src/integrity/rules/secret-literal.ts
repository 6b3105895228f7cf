import { isSecretLookingKey } from '@apim-gitops/models';
import type { IntegrityRule } from '../integrity-rule';
import { configTexts } from '../config-text';
import { isHarmlessValue, literalAssignments } from '../../secret-screen';

/**
 * A secret-looking key (password, secret, token, key …) in an env var or a ConfigMap (the key
 * itself, or a `key = value` line of a config file in it) must hold a placeholder such as
 * `$env{…}`, `$ref{…}` or `${…}`, never the value: ConfigMaps and pod specs are committed in git.
 * The same test as the render-time screen (secret-screen.ts), here on the kustomize-built output.
 */
export const secretLiteralRule: IntegrityRule = {
  id: 'secret-literal',
  description: 'secret-looking keys in env values and ConfigMap data hold $env{…}/$ref{…}/${…} placeholders, not literal values',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const advice = 'move the value to a Secret and reference it (env valueFrom.secretKeyRef, or a $env{…} placeholder)';
    for (const text of configTexts(objects)) {
      const multiline = text.text.includes('\n');
      if (!multiline && isSecretLookingKey(text.key) && !isHarmlessValue(text.text)) {
        findings.push({ object: text.object, message: `${text.at} holds a literal secret value: ${advice}` });
        continue;
      }
      for (const { line, key } of literalAssignments(text.text))
        findings.push({
          object: text.object,
          message: `${text.at}${multiline ? ` line ${line}` : ''}: ${JSON.stringify(key)} holds a literal secret value: ${advice}`,
        });
    }
    return findings;
  },
};
