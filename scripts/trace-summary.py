#!/usr/bin/env python3
"""Summarises a dotnet-trace speedscope export (--format Speedscope) by CPU time.

    dotnet-trace collect -p PID --profile dotnet-sampled-thread-time --duration 00:00:00:20 -o send.nettrace --format Speedscope
    python3 scripts/trace-summary.py send.speedscope.json                 # frames by inclusive CPU share
    python3 scripts/trace-summary.py send.speedscope.json 'LoadMembershipAsync'   # what that frame spends its CPU on

Only samples whose leaf is CPU_TIME count: waiting threads are left out, so the shares are of the CPU the process used.
"""
import collections
import json
import sys

SKIP = ('AsyncTaskMethodBuilder', 'AsyncStateMachineBox', 'ExecutionContext', 'AsyncMethodBuilderCore', 'TaskAwaiter',
        'ValueTaskAwaiter', 'Threading.Tasks')


def intervals(doc):
    """Yields (stack of frame indices, duration) for every interval of every thread of an evented speedscope file."""
    for profile in doc['profiles']:
        stack, last = [], None
        for event in profile['events']:
            if last is not None and stack:
                yield stack, event['at'] - last
            last = event['at']
            if event['type'] == 'O':
                stack.append(event['frame'])
            elif stack:
                stack.pop()


def main():
    doc = json.load(open(sys.argv[1]))
    names = [f['name'] for f in doc['shared']['frames']]
    target = sys.argv[2] if len(sys.argv) > 2 else None
    counts, total = collections.Counter(), 0.0
    for stack, duration in intervals(doc):
        if duration <= 0 or names[stack[-1]] != 'CPU_TIME':
            continue
        frames = [names[i] for i in stack]
        if target is None:
            total += duration
            for name in set(frames):
                counts[name] += duration
            continue
        at = [i for i, name in enumerate(frames) if target in name]
        if at:
            total += duration
            below = [n for n in frames[at[-1] + 1:] if not any(s in n for s in SKIP)]
            counts[below[0] if below else '(self)'] += duration
    print(f'CPU time: {total:.0f} ms')
    for name, duration in counts.most_common(60):
        print(f'{100 * duration / total:5.1f}%  {name[:160]}')


if __name__ == '__main__':
    main()
