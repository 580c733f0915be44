using Microsoft.AspNetCore.Http;
using Provisioner.Api;

namespace Provisioner.Local.Durable;

/// <summary>Management links pointing at the runner's <see cref="DurableStatusApi"/>, under the base URL a request came in on.</summary>
internal sealed class LocalManagementLinks : IManagementLinks
{
    public ValueTask<DurableManagementUrls> ForAsync(HttpRequest request, string instanceId)
    {
        var instance = new Uri(ApiLinks.For(request).BaseUrl, $"{DurableStatusApi.Instances.TrimStart('/')}/{Uri.EscapeDataString(instanceId)}").ToString();
        return ValueTask.FromResult(new DurableManagementUrls(instanceId, instance, instance + "/raiseEvent/{eventName}", instance + "/terminate?reason={text}"));
    }
}
