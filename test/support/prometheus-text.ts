/** One sample of a Prometheus text exposition (format 0.0.4): `name{label="value",...} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;
const VALUE = /^(?:[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+)|[-+]?Inf|NaN)$/;

/**
 * Reads an exposition strictly, as a scraper would: every line a comment, a TYPE/HELP line or a
 * sample; every sample of a family whose TYPE was declared before it, with a number for value.
 * Throws naming the first line that is not so.
 */
export function parsePrometheusText(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const family = (name: string) => [...types.keys()].find((f) => name === f || ['_bucket', '_sum', '_count', '_total'].some((s) => name === f + s));
  for (const [index, line] of text.split('\n').entries()) {
    const fail = (why: string) => new Error(`line ${index + 1} (${why}): ${line}`);
    if (line === '' || (line.startsWith('#') && !/^# (TYPE|HELP) /.test(line))) continue;
    const type = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    if (type) {
      types.set(type[1], type[2]);
      continue;
    }
    if (new RegExp(`^# HELP ${NAME} `).test(line)) continue;
    const sample = SAMPLE.exec(line);
    if (!sample) throw fail('not a sample');
    if (!family(sample[1])) throw fail('no TYPE before it');
    if (!VALUE.test(sample[3])) throw fail('value is not a number');
    const labels: Record<string, string> = {};
    if (sample[2]) {
      LABEL.lastIndex = 0;
      while (LABEL.lastIndex < sample[2].length) {
        const label = LABEL.exec(sample[2]);
        if (!label) throw fail('malformed labels');
        labels[label[1]] = label[2];
      }
    }
    samples.push({ name: sample[1], labels, value: Number(sample[3]) });
  }
  return { types, samples };
}
