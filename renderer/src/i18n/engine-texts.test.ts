// Simplified Chinese covers everything the engine says: every message id of engine/messages.ts, every
// layer description and parameter help, every choice option, each with the English placeholders; and
// i18next renders them in either language from the same ids.
import { describe, expect, it } from 'vitest';
import { LAYER_DEFINITIONS, MESSAGES, placeholders, type MessageId } from '../../../engine';
import { i18next } from '.';
import { issueText } from './issue-text';
import { layerDoc, optionLabel, paramHelp } from './layer-text';
import { nestIds } from './nest-ids';
import { layerOptions, layers } from './zh/layers';
import { messages } from './zh/messages';

const CHINESE = /[\u4e00-\u9fff]/;

describe('Chinese engine texts', () => {
  it('translate every message id with the same placeholders, and no other ids', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(MESSAGES).sort());
    for (const [id, english] of Object.entries(MESSAGES)) {
      const chinese = messages[id as MessageId];
      expect(chinese, id).toMatch(CHINESE);
      expect(placeholders(chinese), id).toEqual(placeholders(english));
    }
  });

  it('describe every layer and every parameter, and no others', () => {
    expect(Object.keys(layers).sort()).toEqual(LAYER_DEFINITIONS.map((d) => d.type).sort());
    for (const d of LAYER_DEFINITIONS) {
      const text = layers[d.type];
      expect(text?.doc, d.type).toMatch(CHINESE);
      expect(Object.keys(text?.params ?? {}).sort(), d.type).toEqual(Object.keys(d.params).sort());
      for (const key of Object.keys(d.params)) expect(text?.params[key], `${d.type}.${key}`).toMatch(CHINESE);
    }
  });

  it('label every choice option, keeping its Keras name first', () => {
    const options = LAYER_DEFINITIONS.flatMap((d) =>
      Object.values(d.params).flatMap((s) => (s.control.kind === 'choice' ? s.control.options : [])),
    );
    for (const option of new Set(options))
      expect(layerOptions[option], option).toMatch(new RegExp(`^${option}（`));
  });
});

describe('rendering through i18next', () => {
  const cycle = {
    message: 'a → b → a form a cycle: connections must flow one way, so remove one of them',
    messageId: 'graph.cycle' as const,
    values: { layer: 'a', path: 'a → b → a' },
  };

  it('gives the engine English in en and the table in zh', () => {
    expect(issueText(i18next.getFixedT('en'), cycle)).toBe(cycle.message);
    expect(issueText(i18next.getFixedT('zh'), cycle)).toBe(
      'a → b → a 构成了环：连接必须单向流动，请删除其中一条',
    );
  });

  it('shows text without an id as it is', () => {
    expect(issueText(i18next.getFixedT('zh'), { message: 'line 3: unexpected token' })).toBe(
      'line 3: unexpected token',
    );
  });

  it('translates layer docs, parameter help and options, English from the registry', () => {
    const en = i18next.getFixedT('en');
    const zh = i18next.getFixedT('zh');
    expect(layerDoc(en, 'Dense')).toBe(LAYER_DEFINITIONS.find((d) => d.type === 'Dense')?.doc);
    expect(layerDoc(zh, 'Dense')).toBe('全连接层：每个输出单元都与每个输入特征相连。');
    expect(paramHelp(zh, 'Conv2D', 'filters')).toBe('输出通道（卷积核）的数量。');
    expect(optionLabel(en, 'same')).toBe('same');
    expect(optionLabel(zh, 'same')).toBe('same（填充）');
  });
});

describe('nestIds', () => {
  it('turns dotted ids into nested keys', () => {
    expect(nestIds({ 'a.b': '1', 'a.c': '2', d: '3', 'e.f.g': '4' })).toEqual({
      a: { b: '1', c: '2' },
      d: '3',
      e: { f: { g: '4' } },
    });
  });
});
