-- One request shape for wrk, from the environment: WRK_METHOD, WRK_BODY, WRK_COOKIE.
wrk.method = os.getenv("WRK_METHOD") or "GET"
wrk.body = os.getenv("WRK_BODY")
wrk.headers["Cookie"] = os.getenv("WRK_COOKIE")
if wrk.method == "POST" then
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
else
  wrk.headers["Accept"] = "text/html"
end
