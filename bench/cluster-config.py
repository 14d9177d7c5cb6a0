#!/usr/bin/env python3
"""The configuration side of bench/run.sh cluster (bench/cluster.sh).

  cluster-config.py compose [docker-compose.yml]
      Checks the compose topology without docker: proxy, 2+ web replicas and PostgreSQL, each with
      a health check; the shared file store mounted by every replica where Files__Root says; the
      proxy's address trusted by the replicas; no secret written in the file. One PASS/FAIL line
      per check; exit 1 when one fails.

  cluster-config.py nginx DIR LISTEN NODE...
      Writes DIR/nginx.conf: deploy/nginx.conf itself (the compose proxy's configuration), with
      only what differs on loopback without root replaced (user, log and pid paths, temporary
      directories, Docker's resolver, the upstream's servers, the listening address), so the
      benchmark runs the production proxy settings. Fails if deploy/nginx.conf no longer has the
      shape these replacements expect.
"""
import os
import pwd
import grp
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def compose(path):
    import yaml

    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'}  compose: {name}{(': ' + detail) if detail else ''}")

    services = doc.get("services", {})
    check("services db, web and proxy", all(s in services for s in ("db", "web", "proxy")), ", ".join(services))
    web, proxy, db = services.get("web", {}), services.get("proxy", {}), services.get("db", {})
    replicas = (web.get("deploy") or {}).get("replicas", 1)
    check("2 or more web replicas", isinstance(replicas, int) and replicas >= 2, f"deploy.replicas = {replicas}")
    check("no container_name or published port on web (replicas reached through the proxy)",
          "container_name" not in web and "ports" not in web)
    check("a health check on every service", all("healthcheck" in s for s in services.values()),
          ", ".join(f"{n}: {'yes' if 'healthcheck' in s else 'no'}" for n, s in services.items()))
    env = web.get("environment", {})
    files_root = env.get("Files__Root")
    mounts = web.get("volumes", [])
    shared = [m for m in mounts if isinstance(m, str) and m.split(":")[1:2] == [files_root]]
    named = {m.split(":")[0] for m in shared}
    check("the file store is one named volume mounted by every replica at Files__Root",
          bool(shared) and named <= set((doc.get("volumes") or {}).keys()),
          f"Files__Root = {files_root}, mounts {', '.join(shared) or 'none'}")
    check("Data Protection keys in PostgreSQL are encrypted with a certificate given as a secret",
          str(env.get("DataProtection__CertificatePath", "")).startswith("/run/secrets/")
          and any((s if isinstance(s, str) else s.get("source")) == "dataprotection_certificate" for s in web.get("secrets", []))
          and "dataprotection_certificate" in (doc.get("secrets") or {}))
    depends = web.get("depends_on", {})
    check("web waits for a healthy db, proxy for a healthy web",
          (depends.get("db") or {}).get("condition") == "service_healthy"
          and ((proxy.get("depends_on") or {}).get("web") or {}).get("condition") == "service_healthy")
    check("every replica migrates and seeds under the database's locks", str(env.get("Database__MigrateOnStartup")).lower() == "true"
          and "ConnectionStrings__Migrations" in env)
    secret_like = re.compile(r"(?i)(password|secret|token|apikey|api_key|signingkey|checkpointkey)")
    literal = []
    for service in services.values():
        for key, value in (service.get("environment") or {}).items():
            value = str(value)
            for part in re.findall(r"(?i)password=([^;]*)", value) or ([value] if secret_like.search(key) else []):
                if part and "${" not in part:
                    literal.append(key)
    check("secrets by environment (no password, key or token written in the file)", not literal, ", ".join(literal))
    check("the runtime connection is the portal's role, not the owner or the superuser",
          "Username=servicepublic_portal" in str(env.get("ConnectionStrings__Default", "")))
    check("Production environment", env.get("ASPNETCORE_ENVIRONMENT") == "Production")
    address = ((proxy.get("networks") or {}).get("default") or {}).get("ipv4_address")
    check("the replicas believe X-Forwarded-For from the proxy's fixed address only",
          address is not None and env.get("ForwardedHeaders__KnownProxies") == address, f"{address}")
    nginx_mount = [m for m in proxy.get("volumes", []) if isinstance(m, str) and m.startswith("./deploy/nginx.conf:")]
    with open(os.path.join(ROOT, "deploy", "nginx.conf"), encoding="utf-8") as f:
        nginx = f.read()
    with open(os.path.join(ROOT, "Dockerfile"), encoding="utf-8") as f:
        dockerfile = f.read()
    port = re.search(r"ASPNETCORE_URLS=http://\+:(\d+)", dockerfile)
    check("the proxy mounts deploy/nginx.conf, whose upstream is web on the image's port",
          bool(nginx_mount) and port is not None and re.search(rf"server\s+web:{port.group(1)}\b", nginx) is not None,
          f"port {port.group(1) if port else '?'}")
    check("Server-Sent Events pass through the proxy unbuffered",
          re.search(r"location = /supervision/flux \{[^}]*proxy_buffering off;", nginx) is not None)
    used = {m.split(":")[0] for s in services.values() for m in s.get("volumes", []) if isinstance(m, str) and not m.startswith(".")}
    check("every named volume is declared", used <= set((doc.get("volumes") or {}).keys()), ", ".join(sorted(used)))
    return 0 if all(results) else 1


def replace_once(text, pattern, replacement, what):
    new, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    if count != 1:
        sys.exit(f"deploy/nginx.conf: expected one {what}, found {count}: update bench/cluster-config.py")
    return new


def nginx(directory, listen, nodes):
    with open(os.path.join(ROOT, "deploy", "nginx.conf"), encoding="utf-8") as f:
        conf = f.read()
    if os.geteuid() == 0:
        # As root, nginx's workers would otherwise run as nobody: keep them as the current user.
        user = f"user {pwd.getpwuid(os.getuid()).pw_name} {grp.getgrgid(os.getgid()).gr_name};"
    else:
        user = ""
    conf = replace_once(conf, r"^user\s+\S+;", user, "user directive")
    conf = replace_once(conf, r"^error_log\s+\S+", f"error_log  {directory}/error.log", "error_log")
    conf = replace_once(conf, r"^pid\s+\S+;", f"pid        {directory}/nginx.pid;", "pid")
    conf = replace_once(conf, r"access_log\s+/var/log/nginx/access.log", f"access_log  {directory}/access.log", "access_log")
    conf = replace_once(conf, r"^\s*resolver\s+[^;]*;\n", "", "resolver")
    conf = replace_once(conf, r"^\s*resolver_timeout\s+[^;]*;\n", "", "resolver_timeout")
    servers = "".join(f"        server {node} max_fails=2 fail_timeout=10s;\n" for node in nodes)
    conf = replace_once(conf, r"^\s*server\s+web:\d+[^;]*;\n", servers, "upstream server web:PORT")
    conf = replace_once(conf, r"listen\s+80\s+default_server;", f"listen {listen} default_server;", "listen 80")
    temp = "".join(f"    {kind}_temp_path {directory}/{kind}_temp;\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = replace_once(conf, r"^http \{\n", "http {\n" + temp, "http block")
    with open(os.path.join(directory, "nginx.conf"), "w", encoding="utf-8") as f:
        f.write(conf)
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "compose":
        sys.exit(compose(sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "docker-compose.yml")))
    if len(sys.argv) >= 5 and sys.argv[1] == "nginx":
        sys.exit(nginx(sys.argv[2], sys.argv[3], sys.argv[4:]))
    sys.exit(__doc__)
