import { END, ESCALATE, sectionTitles, type SectionKey } from './runbook.ts';

// Constants and small helpers the parts of the runbook validator share.
export const PART_NAMES = ['Expected', 'IfDifferent', 'Rollback', 'Recommend'] as const;

export type PartName = (typeof PART_NAMES)[number];

export const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const RESERVED = new Set([END, ESCALATE]);

export const sectionKeys = Object.keys(sectionTitles) as SectionKey[];

export const code = (value: string) => `\`${value}\``;

export const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
