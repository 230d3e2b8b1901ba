"""``geoalign completion bash|zsh``: shell completion scripts, drawn from the parser.

Commands, options, the choices of options (``--kind``, ``--format``...), file names
for paths, and the bundled actors' ids for actor arguments: every word comes from the
argument parser and the dataset, so a new option completes without a change here.
"""

from __future__ import annotations

import argparse
import shlex

__all__ = ["script"]

_PATHS = {"--data", "--out", "path"}
_ACTORS = {"actor", "a", "b", "imposer", "target", "name", "--on", "--by"}


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for ``shell`` (``bash`` or ``zsh``).

    >>> from geoalign.cli.parser import build_parser
    >>> text = script("bash", build_parser())
    >>> "-F _geoalign geoalign" in text and "alliance" in text
    True
    >>> script("zsh", build_parser()).startswith("#compdef geoalign")
    True
    """
    commands = _commands(parser)
    actors = _actor_ids()
    return (_bash if shell == "bash" else _zsh)(parser, commands, actors)


def _commands(parser: argparse.ArgumentParser) -> dict[str, tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            return {name: (helps.get(name, ""), sub) for name, sub in action.choices.items()}
    return {}


def _actor_ids() -> list[str]:
    from geoalign.api import load

    return [actor.id for actor in load().actors()]


def _words(action: argparse.Action, actors: list[str]) -> str | None:
    """What completes the value of ``action``: ``"@files"``, a list of words, or None."""
    names = {action.dest, *action.option_strings}
    if action.choices is not None:
        return " ".join(str(choice) for choice in action.choices)
    if names & _PATHS:
        return "@files"
    if names & _ACTORS:
        return " ".join(actors)
    return None


def _bash(
    parser: argparse.ArgumentParser,
    commands: dict[str, tuple[str, argparse.ArgumentParser]],
    actors: list[str],
) -> str:
    top_cases = _bash_values("", parser, actors)
    cases = []
    for name, (_, sub) in commands.items():
        options = [o for a in sub._actions for o in a.option_strings]
        cases.append(f"        {name}:@options) words={shlex.quote(' '.join(options))} ;;")
        cases += _bash_values(name, sub, actors)
    top = [o for a in parser._actions for o in a.option_strings]
    positionals = {
        name: [a.dest for a in sub._actions if not a.option_strings]
        for name, (_, sub) in commands.items()
    }
    slots = "\n".join(
        f"        {name}) names=({' '.join(dests)}) ;;" for name, dests in positionals.items()
    )
    takes = {
        option
        for _, sub in commands.values()
        for a in sub._actions
        if a.nargs != 0
        for option in a.option_strings
    }
    return _BASH.format(
        commands=" ".join(commands),
        takes=" ".join(sorted(takes)),
        actors=" ".join(actors),
        top_cases="\n".join(top_cases),
        top=" ".join(top),
        cases="\n".join(cases),
        slots=slots,
    )


def _bash_values(name: str, parser: argparse.ArgumentParser, actors: list[str]) -> list[str]:
    """The ``case`` lines that complete the values of the options and positionals."""
    cases = []
    for action in parser._actions:
        words = _words(action, actors)
        if words is None or action.nargs == 0 or isinstance(action, argparse._SubParsersAction):
            continue
        pattern = "|".join(f"{name}:{o}" for o in action.option_strings)
        if not action.option_strings:
            pattern = f"{name}:@{action.dest}"
        reply = "files=1" if words == "@files" else f"words={shlex.quote(words)}"
        if words == " ".join(actors):
            reply = 'words="$actors"'
        cases.append(f"        {pattern}) {reply} ;;")
    return cases


_BASH = """\
# bash completion for geoalign (geoalign completion bash)
_geoalign() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    local commands="{commands}" takes="{takes}" cmd="" words="" files=0 n=0 i
    local actors="{actors}"
    local -a names=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        local w="${{COMP_WORDS[i]}}"
        if [[ -z $cmd && " $commands " == *" $w "* ]]; then
            cmd=$w
        elif [[ -n $cmd && $w != -* && " $takes " != *" ${{COMP_WORDS[i-1]}} "* ]]; then
            n=$((n + 1))
        fi
    done
    if [[ -z $cmd && $prev == -* && " $takes " == *" $prev "* ]]; then
        case ":$prev" in
{top_cases}
        esac
    elif [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then words="{top}"; else words=$commands; fi
    else
        case "$cmd" in
{slots}
        esac
        local key="$cmd:@${{names[$n]}}"
        [[ $prev == -* ]] && key="$cmd:$prev"
        [[ $cur == -* ]] && key="$cmd:@options"
        case "$key" in
{cases}
        esac
    fi
    if ((files)); then
        COMPREPLY=($(compgen -f -- "$cur"))
    else
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
    fi
}}
complete -o default -F _geoalign geoalign
"""


def _zsh_quote(text: str) -> str:
    for char in "\\[]:":
        text = text.replace(char, "\\" + char)
    return text.replace("'", "'\\''")


def _zsh_spec(action: argparse.Action, actors: list[str]) -> list[str]:
    words = _words(action, actors)
    what = "_files" if words == "@files" else f"({words})" if words else " "
    helped = _zsh_quote(" ".join((action.help or "").split()))
    if not action.option_strings:
        return [f"':{action.dest}:{what}'"]
    repeat = "*" if isinstance(action, argparse._AppendAction) else ""
    value = "" if action.nargs == 0 else f":{action.metavar or action.dest}:{what}"
    return [f"'{repeat}{option}[{helped}]{value}'" for option in action.option_strings]


def _zsh(
    parser: argparse.ArgumentParser,
    commands: dict[str, tuple[str, argparse.ArgumentParser]],
    actors: list[str],
) -> str:
    described = " ".join(
        f"'{name}:{_zsh_quote(summary)}'" for name, (summary, _) in commands.items()
    )
    cases = []
    for name, (_, sub) in commands.items():
        specs = [
            s for a in sub._actions if "-h" not in a.option_strings for s in _zsh_spec(a, actors)
        ]
        cases.append(f"        {name}) _arguments {' '.join(specs)} ;;")
    top = [
        s
        for a in parser._actions
        if a.option_strings and "-h" not in a.option_strings
        for s in _zsh_spec(a, actors)
    ]
    return _ZSH.format(commands=described, top=" ".join(top), cases="\n".join(cases))


_ZSH = """\
#compdef geoalign
# zsh completion for geoalign (geoalign completion zsh)
_geoalign() {{
    local -a commands=({commands})
    local state line
    _arguments -C {top} '1: :->command' '*:: :->args'
    case $state in
    command) _describe command commands ;;
    args)
        case $line[1] in
{cases}
        esac ;;
    esac
}}
_geoalign "$@"
"""
