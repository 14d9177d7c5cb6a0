#!/usr/bin/env python3
"""USSD reply time against a running portal (./run.sh): each of N sessions goes through the
appointment menu screen by screen (menu, 2, number, code), signed as the aggregator signs.

    python3 bench/ussd.py TRACKING_NUMBER CHECK_CODE [SESSIONS=25] [BASE=http://localhost:5080] [SECRET_FILE=.data/telephony-secret]

Prints the last answer and the p50 / p95 / max of every step. The issue asks for under 2 s."""
import hashlib, hmac, statistics, sys, time, urllib.parse, urllib.request

number, code = sys.argv[1], sys.argv[2]
sessions = int(sys.argv[3]) if len(sys.argv) > 3 else 25
base = sys.argv[4] if len(sys.argv) > 4 else "http://localhost:5080"
secret = open(sys.argv[5] if len(sys.argv) > 5 else ".data/telephony-secret").read().strip().encode()

def post(body):
    t = str(int(time.time()))
    signature = hmac.new(secret, f"{t}.{body}".encode(), hashlib.sha256).hexdigest()
    request = urllib.request.Request(base + "/api/ussd", data=body.encode(), headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-ServicePublic-Signature": f"t={t},v1={signature}"})
    start = time.perf_counter()
    text = urllib.request.urlopen(request).read().decode()
    return time.perf_counter() - start, text

times, answer = [], ""
for i in range(sessions):
    phone = urllib.parse.quote(f"+2289{1000000 + i}")
    for typed in ["", "2", f"2*{number}", f"2*{number}*{code}"]:
        elapsed, answer = post(f"sessionId=bench{i}&serviceCode=%2A123%23&phoneNumber={phone}&text={urllib.parse.quote(typed)}")
        times.append(elapsed)
times.sort()
print(answer)
print(f"{len(times)} USSD steps: p50 {statistics.median(times) * 1000:.0f} ms, p95 {times[int(len(times) * .95)] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")
