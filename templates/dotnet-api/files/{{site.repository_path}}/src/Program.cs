var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();

var app = builder.Build();

// Kubernetes probes this endpoint (readiness and liveness).
app.MapHealthChecks("/healthz");

app.MapGet("/", (IConfiguration configuration) => Results.Ok(new
{
    service = configuration["Site:Domain"] ?? {{ site.domain }},
    message = {{ params.greeting }},
}));

app.Run();
