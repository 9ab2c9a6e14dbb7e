// What an animation export is asked for: apart from animation.ts, so that the dialog can name
// it without loading the encoders.

/** What to animate: a range of steps, how large, how fast, with the code and captions or not. */
export interface AnimationOptions {
  readonly from: number;
  readonly to: number;
  /** Width of every frame in pixels; the height follows the picture's shape. */
  readonly width: number;
  /** Frames (steps) a second. */
  readonly fps: number;
  readonly withCode: boolean;
  readonly captions: boolean;
}

/** The most steps one export takes: a GIF of more is too large to be useful on a slide. */
export const MAX_FRAMES = 300;
