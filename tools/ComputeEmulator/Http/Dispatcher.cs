using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using ComputeEmulator.Compute;
using ComputeEmulator.Control;
using ComputeEmulator.Identity;
using ComputeEmulator.Image;
using ComputeEmulator.State;
using Microsoft.AspNetCore.Http;

namespace ComputeEmulator.Http;

/// <summary>
/// The one terminal middleware: control API first (never logged or faulted); otherwise request log,
/// fault injection, then identity or compute routing, with every error turned into a fault body.
/// </summary>
internal sealed class Dispatcher
{
    private readonly EmulatorState _state;
    private readonly ComputeRouter _router = ComputeRoutes.Build();

    public Dispatcher(EmulatorState state) => _state = state;

    public async Task HandleAsync(HttpContext http)
    {
        string path = http.Request.Path.Value ?? "/";
        if (path.StartsWith("/_emulator", StringComparison.Ordinal))
        {
            await Guard(http, () => ControlRoutes.HandleAsync(http, _state));
            return;
        }

        long started = Stopwatch.GetTimestamp();
        var time = DateTimeOffset.UtcNow;
        try
        {
            await HandleServiceAsync(http, path);
        }
        finally
        {
            // Logged even when the handler failed or the connection is dropped (status 0), and before the
            // connection is aborted, so a client that sees the abort also sees the entry.
            bool drop = http.Items.ContainsKey(DroppedKey);
            _state.Log.Add(new RequestLogEntry(http.Request.Method, path, http.Request.QueryString.Value ?? "",
                drop ? 0 : http.Response.StatusCode, time, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            if (drop) http.Abort();
        }
    }

    private static readonly object DroppedKey = new();

    private async Task<int> HandleServiceAsync(HttpContext http, string path)
    {
        var fault = _state.Faults.Decide(http.Request.Method, path);
        if (fault.DelayMs > 0) await Task.Delay(fault.DelayMs, http.RequestAborted).ContinueWith(_ => { });
        if (fault.Drop)
        {
            http.Items[DroppedKey] = true;
            return 0;
        }
        JsonOut.MarkStart(http);
        // Nova's request id headers, so clients can report them with errors.
        string requestId = "req-" + Guid.NewGuid().ToString();
        http.Response.Headers["x-openstack-request-id"] = requestId;
        http.Response.Headers["X-Compute-Request-Id"] = requestId;
        if (fault.Status is int injected)
        {
            await Faults.WriteAsync(http, injected, details: "Injected by the emulator's fault settings.", retryAfterSeconds: fault.RetryAfterSeconds,
                shape: Faults.DefaultShape(http, injected));
            return injected;
        }

        Stream? original = null;
        MemoryStream? captured = null;
        if (fault.Truncate)
        {
            original = http.Response.Body;
            captured = new MemoryStream();
            http.Response.Body = captured;
        }

        await Guard(http, () => RouteAsync(http, path));

        if (captured is not null && original is not null)
        {
            http.Response.Body = original;
            var bytes = captured.ToArray();
            http.Response.ContentLength = bytes.Length;
            await original.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await original.FlushAsync();
            http.Items[DroppedKey] = true;
        }
        return http.Response.StatusCode;
    }

    /// <summary>Runs a handler; API errors, bad requests and crashes all become fault bodies.</summary>
    private static async Task Guard(HttpContext http, Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (ApiException e) when (!http.Response.HasStarted)
        {
            // Handlers throw Nova faults; Keystone v3 routes and keystonemiddleware's 401 get Keystone's shape.
            var shape = e.Shape != FaultShape.Nova ? e.Shape : Faults.DefaultShape(http, e.Status);
            await Faults.WriteAsync(http, e.Status, e.Message, e.Details, e.RetryAfterSeconds, shape);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            int status = e.StatusCode == 413 ? 413 : 400;
            await Faults.WriteAsync(http, status, status == 413 ? "Request is too large." : "Bad request: " + e.Message, shape: Faults.DefaultShape(http, status));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            await Faults.WriteAsync(http, 500, "Unexpected API Error. " + e.GetType().Name + ": " + e.Message, shape: Faults.DefaultShape(http, 500));
        }
    }

    private Task RouteAsync(HttpContext http, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0) return Discovery.RootAsync(http, _state);
        if (segments[0] is "v2.0" or "v3") return IdentityRoutes.HandleAsync(http, _state, segments);

        int at = 0;
        RegionState region = _state.Regions[0];
        string prefix = "";
        if (segments[0] == "image") return GlanceRoutes.HandleAsync(http, _state, region, Links.BaseUrl(http) + "image/", segments[1..]);
        if (segments[0] is not ("v2" or "v2.1" or "v1.1"))
        {
            region = _state.Region(segments[0]) ?? throw ApiException.NotFound("The resource could not be found.");
            prefix = region.Name + "/";
            at = 1;
            if (segments.Length == 1) return Discovery.ComputeVersionsAsync(http, prefix);
            if (segments[1] == "image") return GlanceRoutes.HandleAsync(http, _state, region, Links.BaseUrl(http) + prefix + "image/", segments[2..]);
        }
        string version = segments[at];
        if (version is not ("v2" or "v2.1" or "v1.1")) throw ApiException.NotFound("The resource could not be found.");
        // GET /v2.1/ and (as Nova since Mitaka, which novaclient tries first) GET /v2.1/{tenant_id}: the version document.
        if (segments.Length == at + 1 || (segments.Length == at + 2 && http.Request.Method == "GET"))
        {
            return Discovery.ComputeVersionAsync(http, version, prefix);
        }
        return ComputeAsync(http, region, prefix, version, segments[at + 1], segments.AsSpan(at + 2).ToArray());
    }

    private async Task ComputeAsync(HttpContext http, RegionState region, string prefix, string version, string tenant, string[] rest)
    {
        var now = _state.Now();
        var token = _state.Tokens.Validate(http.Request.Headers["X-Auth-Token"].ToString(), now)
            ?? throw ApiException.AuthMiddleware();
        if (!string.Equals(tenant, token.ProjectId, StringComparison.Ordinal))
        {
            throw ApiException.BadRequest($"Malformed request URL: URL's project_id '{tenant}' doesn't match Context's project_id '{token.ProjectId}'");
        }
        if (_state.RateLimiter.Check(http.Request.Method, _state.RateLimits, now) is int retryAfter)
        {
            int status = _state.RateLimitStyle == RateLimitStyle.Modern429 ? 429 : 413;
            int limit = _state.RateLimits[http.Request.Method];
            throw new ApiException(status, "This request was rate-limited.",
                $"Only {limit} {http.Request.Method.ToUpperInvariant()} request(s) can be made to * every minute.", retryAfter);
        }
        // Without the scheduled-images extension the route does not exist: Nova's routes layer answers (no
        // microversion headers, webob's body), whatever the server id.
        if (!_state.Options.ScheduledImages && rest.Length == 3 && rest[0] == "servers" && rest[2] == "rax-si-image-schedule")
        {
            throw ApiException.NoRoute();
        }
        if (version == "v2.1") Microversions.Apply(http);

        var handler = _router.Match(http.Request.Method, rest, out var args, out bool pathKnown);
        if (handler is null)
        {
            if (pathKnown) throw new ApiException(405, "The method is not allowed for the requested URL.");
            throw ApiException.NotFound("The resource could not be found.");
        }
        var request = new ComputeRequest
        {
            Http = http,
            State = _state,
            Region = region,
            Version = version,
            TenantId = tenant,
            RegionPrefix = prefix,
            BaseUrl = Links.BaseUrl(http),
            Args = args,
        };
        await handler(request);
    }
}
