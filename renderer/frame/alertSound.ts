import type { Priority } from '../../protocol/sync/items';

/**
 * The alert tone for orders and messages from the center, made with Web Audio (no sound
 * file to ship or load): two short tones, high then low, loud enough over an engine.
 */
let context: AudioContext | undefined;

export function playAlertTone(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const start = context.currentTime;
    [880, 660].forEach((frequency, index) => {
      const oscillator = context!.createOscillator();
      const gain = context!.createGain();
      oscillator.type = 'square';
      oscillator.frequency.value = frequency;
      const at = start + index * 0.22;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
      oscillator.connect(gain).connect(context!.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.21);
    });
  } catch {
    // No audio device (a headless host): the banner and the badge still say it.
  }
}

/** How often the tone repeats while an item of this urgency waits; undefined: once, on arrival. */
export function repeatEveryMs(priority: Priority): number | undefined {
  if (priority === 'flash') return 5_000;
  if (priority === 'immediate') return 15_000;
  return undefined;
}
