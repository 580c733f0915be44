using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Provisioner.Http;
using Provisioner.Workflow.Api;

namespace Provisioner.Functions.Http;

/// <summary>The provisions API: thin bindings over <see cref="ProvisioningApi"/> and <see cref="TemplatesApi"/>.</summary>
public sealed class ProvisionFunctions(ProvisioningApi provisions, TemplatesApi templates)
{
    /// <summary>POST /api/provisions: start a provision.</summary>
    [Function("StartProvision")]
    public async Task<IActionResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "provisions")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var apiRequest = await request.ToApiRequestAsync(ProvisioningApi.MaxBodyBytes, context.CancellationToken);
        var requestData = await context.GetHttpRequestDataAsync()
            ?? throw new InvalidOperationException("The HTTP trigger has no request data.");
        var response = await provisions.StartAsync(client, apiRequest, new FunctionsManagementLinks(client, requestData), context.CancellationToken);
        return response.ToActionResult(request);
    }

    /// <summary>GET /api/provisions/{id}: a provision's status.</summary>
    [Function("GetProvision")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "provisions/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var apiRequest = await request.ToApiRequestAsync(0, context.CancellationToken);
        return (await provisions.GetAsync(client, id, apiRequest, context.CancellationToken)).ToActionResult(request);
    }

    /// <summary>POST /api/provisions/{id}/cancel: cancel a running provision.</summary>
    [Function("CancelProvision")]
    public async Task<IActionResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "provisions/{id}/cancel")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var apiRequest = await request.ToApiRequestAsync(0, context.CancellationToken);
        return (await provisions.CancelAsync(client, id, apiRequest, context.CancellationToken)).ToActionResult(request);
    }

    /// <summary>POST /api/provisions/preview: what a provision would make, starting nothing.</summary>
    [Function("PreviewProvision")]
    public async Task<IActionResult> PreviewAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "provisions/preview")] HttpRequest request,
        FunctionContext context)
    {
        var apiRequest = await request.ToApiRequestAsync(ProvisioningApi.MaxBodyBytes, context.CancellationToken);
        return templates.Preview(apiRequest).ToActionResult(request);
    }

    /// <summary>GET /api/templates: the template catalog.</summary>
    [Function("ListTemplates")]
    public IActionResult ListTemplates(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "templates")] HttpRequest request) =>
        templates.List().ToActionResult(request);
}
