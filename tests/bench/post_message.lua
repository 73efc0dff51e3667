-- wrk: post a message to the thread named in the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.path = os.getenv("PORTICO_POST_PATH")
wrk.body = '{"body":"benchmark reply: the fix is deployed"}'
