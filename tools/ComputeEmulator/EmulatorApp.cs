using ComputeEmulator.Http;
using ComputeEmulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ComputeEmulator;

/// <summary>Builds the web application: a lean Kestrel host with one terminal middleware.</summary>
internal static class EmulatorApp
{
    public static WebApplication Build(EmulatorOptions options, string[] hostArgs, string? urls)
    {
        var state = new EmulatorState(options.Clone());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = hostArgs });
        if (!options.Logging) builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // The handler enforces MaxRequestBodyBytes itself (to answer with a fault body); this is a backstop.
            k.Limits.MaxRequestBodySize = (long)options.MaxRequestBodyBytes * 4;
        });
        if (urls is not null) builder.WebHost.UseUrls(urls);
        var app = builder.Build();
        var dispatcher = new Dispatcher(state);
        app.Run(dispatcher.HandleAsync);
        return app;
    }
}
