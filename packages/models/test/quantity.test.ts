import { describe, expect, it } from 'vitest';
import { cpuMillis, memoryBytes, memoryMiB, parseQuantity } from '../src';

// Cases follow k8s.io/apimachinery/pkg/api/resource/quantity_test.go (TestQuantityParse):
// binary and decimal suffixes, fractions, exponents, and the malformed forms it rejects.
describe('Kubernetes quantities', () => {
  it.each([
    ['1Ki', 1024],
    ['1Mi', 1024 ** 2],
    ['1.5Gi', 1.5 * 1024 ** 3],
    ['100m', 0.1],
    ['1k', 1000],
    ['1M', 1e6],
    ['5G', 5e9],
    ['1e3', 1000],
    ['.5', 0.5],
    ['0', 0],
  ])('%s is %d base units', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });

  it.each(['', ' 1Gi', '1 Gi', '1GiB', '1.5.5', 'Gi', 'one', '1Qi'])('%j is not a quantity', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it('converts memory and CPU for the domain rules', () => {
    expect(memoryBytes('2Gi')).toBe(2 * 1024 ** 3);
    expect(memoryMiB('3Gi')).toBe(3072);
    expect(memoryMiB('512M')).toBe(488);
    expect(cpuMillis('500m')).toBe(500);
    expect(cpuMillis('2')).toBe(2000);
    expect(cpuMillis('0.25')).toBe(250);
  });
});
