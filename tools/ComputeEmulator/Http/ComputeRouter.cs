using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace ComputeEmulator.Http;

/// <summary>Tiny route table for paths below /{version}/{tenant}/: literal segments and "{}" parameters.</summary>
internal sealed class ComputeRouter
{
    private sealed record Route(string Method, string[] Segments, Func<ComputeRequest, Task> Handler);

    private readonly List<Route> _routes = new();

    /// <summary>Adds a route; register literal templates (servers/detail) before parameter ones (servers/{}).</summary>
    public ComputeRouter Map(string method, string template, Func<ComputeRequest, Task> handler)
    {
        _routes.Add(new Route(method, template.Split('/', StringSplitOptions.RemoveEmptyEntries), handler));
        return this;
    }

    /// <summary>The handler and its arguments; <paramref name="pathKnown"/> tells 405 from 404 when there is none.</summary>
    public Func<ComputeRequest, Task>? Match(string method, ReadOnlySpan<string> segments, out string[] args, out bool pathKnown)
    {
        pathKnown = false;
        args = [];
        foreach (var route in _routes)
        {
            if (route.Segments.Length != segments.Length) continue;
            bool ok = true;
            int argCount = 0;
            for (int i = 0; i < segments.Length && ok; i++)
            {
                if (route.Segments[i] == "{}") argCount++;
                else ok = string.Equals(route.Segments[i], segments[i], StringComparison.Ordinal);
            }
            if (!ok) continue;
            pathKnown = true;
            if (!string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
            args = new string[argCount];
            for (int i = 0, a = 0; i < segments.Length; i++)
            {
                if (route.Segments[i] == "{}") args[a++] = segments[i];
            }
            return route.Handler;
        }
        return null;
    }
}
