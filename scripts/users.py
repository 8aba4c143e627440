"""Manage the dashboard's users from the command line (see ``make user``, ``make users``).

    python -m scripts.users add NAME ROLE [--communities C01,C03] [--email a@b]  # password on stdin
    python -m scripts.users disable NAME
    python -m scripts.users list

The password is read from standard input when it is not a terminal (``echo pw | make user
...``), else prompted for twice without echo. Messages are in Chinese; the exit status is 1 on
any refusal (bad name, role, community id, short password, unknown user).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from governance.auth import manage, passwords, users


def _read_password() -> str | None:
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n")
        return line or None
    first = getpass.getpass("密码（至少 8 个字符，留空则保留原密码）：")
    if not first:
        return None
    if getpass.getpass("再输一次：") != first:
        raise users.UserError("两次输入的密码不一致。")
    return first


def _known_communities() -> list[str] | None:
    """The community ids of the data in force (None when there is no data to check against:
    a users file may be prepared before the data is brought in)."""
    from governance import db
    from governance.datastore import Store

    frame = Store(db.data_dir()).current_tables(["communities"]).get("communities")
    return None if frame is None else [str(c) for c in frame["community_id"]]


def _cli_actor() -> str:
    return f"cli:{getpass.getuser()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts.users", description="管理驾驶舱用户")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="添加或修改用户（密码从标准输入读取或提示输入）")
    add.add_argument("name")
    add.add_argument("role", help="viewer | editor | admin")
    add.add_argument("--communities", default="", help="社区编号，逗号分隔；不填为全镇")
    add.add_argument("--email", default="", help="统一身份认证（OIDC）登录所用邮箱")
    disable = sub.add_parser("disable", help="停用用户")
    disable.add_argument("name")
    sub.add_parser("list", help="列出用户（不含密码哈希）")
    args = parser.parse_args(argv)
    try:
        if args.command == "add":
            users.check_name(args.name)
            users.check_role(args.role)
            password = _read_password()
            user, new, reenabled = manage.add_or_change(
                _cli_actor(),
                args.name,
                args.role,
                args.communities,
                password,
                args.email,
                known_communities=_known_communities(),
            )
            scope = ",".join(user.communities) or "全镇"
            verb = "已添加" if new else "已修改"
            print(f"{verb}用户 {user.name}：角色 {user.role}，范围 {scope}（{users.users_file()}）")
            if reenabled:
                print(f"注意：用户 {user.name} 此前已停用，现已重新启用。")
        elif args.command == "disable":
            manage.disable(_cli_actor(), args.name)
            print(f"已停用用户 {args.name}。")
        else:
            frame = manage.listing()
            if frame.empty:
                print(f"还没有用户（{users.users_file()}）。")
            else:
                frame["communities"] = frame["communities"].replace("", "全镇")
                print(frame.to_string(index=False))
    except (users.UserError, passwords.WeakPasswordError) as err:
        print(f"错误：{err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
