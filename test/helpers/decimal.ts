/**
 * Decimal spellings for property tests of the number readers: an optional sign, up to `digits` integer and
 * fraction digits (either may be empty, the point optional), an optional exponent of either case and sign up
 * to `maxExponent` — valid decimals and the malformed neighbours ('', '+', '.', '1e') alike.
 */
import fc from 'fast-check';

export function decimalSpelling(digits: number, maxExponent: number): fc.Arbitrary<string> {
  const run = new RegExp(`^\\d{0,${digits}}$`);
  return fc
    .tuple(
      fc.constantFrom('', '+', '-'),
      fc.stringMatching(run),
      fc.option(fc.stringMatching(run)),
      fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: maxExponent }))),
    )
    .map(([sign, int, frac, exp]) => `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `${exp[0]}${exp[1]}${exp[2]}`}`);
}
