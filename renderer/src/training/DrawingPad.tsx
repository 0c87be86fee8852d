// A 280×280 canvas to draw a digit on with a mouse, pen or finger; reports the MNIST-style 28×28 input
// (or null when cleared) at most ten times a second.
import { useEffect, useMemo, useRef, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alphaToIntensity, preprocessDigit } from './digit-preprocess';
import { throttle } from './throttle';

const SIZE = 280;
const STROKE = 20;

/**
 * The pad's 2D context. It is read back ten times a second, so it asks for a CPU-backed canvas: a
 * GPU one makes each getImageData a slow readback (and Chrome warns about it). The first call fixes
 * the options, so every call goes through here.
 */
const padContext = (canvas: HTMLCanvasElement | null) =>
  canvas?.getContext('2d', { willReadFrequently: true }) ?? null;

export function DrawingPad({ onChange }: { readonly onChange: (input: number[] | null) => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  const report = useMemo(
    () =>
      throttle(() => {
        const ctx = padContext(canvas.current);
        if (!ctx) return;
        const { data } = ctx.getImageData(0, 0, SIZE, SIZE);
        onChangeRef.current(preprocessDigit(alphaToIntensity(data), SIZE, SIZE));
      }, 100),
    [],
  );
  useEffect(() => () => report.cancel(), [report]);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const scale = rect.width > 0 ? SIZE / rect.width : 1;
    return { x: (e.clientX - rect.left) * scale, y: (e.clientY - rect.top) * scale };
  };

  const draw = (to: { x: number; y: number }) => {
    const ctx = padContext(canvas.current);
    if (!ctx) return;
    const from = last.current ?? to;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = STROKE;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + 0.01, to.y);
    ctx.stroke();
    last.current = to;
    report();
  };

  const clear = () => {
    padContext(canvas.current)?.clearRect(0, 0, SIZE, SIZE);
    last.current = null;
    report.cancel();
    onChangeRef.current(null);
  };

  return (
    <div className="training-pad">
      <canvas
        ref={canvas}
        width={SIZE}
        height={SIZE}
        role="img"
        aria-label={t('training.draw.pad')}
        className="training-pad__canvas"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          last.current = null;
          draw(point(e));
        }}
        onPointerMove={(e) => {
          if (last.current !== null && e.buttons !== 0) draw(point(e));
        }}
        onPointerUp={() => (last.current = null)}
        onPointerCancel={() => (last.current = null)}
      />
      <div className="training-pad__bar">
        <span className="training-hint">{t('training.draw.hint')}</span>
        <button type="button" onClick={clear}>
          {t('training.draw.clear')}
        </button>
      </div>
    </div>
  );
}
