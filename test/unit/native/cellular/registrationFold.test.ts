import { describe, expect, it } from 'vitest';
import { parseRegistration, type RegistrationAnswer } from '../../../../native/cellular/cellularParsers';
import { foldRegistration } from '../../../../native/cellular/registrationFold';

const answers = (...lines: string[]): RegistrationAnswer[] => lines.map((line) => parseRegistration(line)!);

describe('foldRegistration', () => {
  it('is undefined before any domain answered', () => {
    expect(foldRegistration([])).toBeUndefined();
  });

  it('takes the best packet domain: LTE on EPS, SA on 5GS', () => {
    expect(foldRegistration(answers('+CREG: 2,1', '+CEREG: 2,1,"2D18","03089F02",7', '+C5GREG: 2,0'))).toEqual({
      state: 'home',
      technology: 'lte',
    });
    expect(foldRegistration(answers('+CEREG: 2,0', '+C5GREG: 2,5,"690E0F","9013B004",11'))).toEqual({
      state: 'roaming',
      technology: 'nr5g-sa',
    });
  });

  it('does not call a voice-only (CS) registration a data link', () => {
    expect(foldRegistration(answers('+CREG: 2,1', '+CEREG: 2,3'))).toEqual({ state: 'denied', technology: undefined });
    expect(foldRegistration(answers('+CREG: 2,1', '+CGREG: 2,2', '+CEREG: 2,2'))).toEqual({ state: 'searching', technology: undefined });
  });

  it('falls back to CREG when no packet domain answers', () => {
    expect(foldRegistration(answers('+CREG: 2,5,"1A2B","3C4D",2'))).toEqual({ state: 'roaming', technology: 'umts' });
  });
});
