using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioner.GitHub;
using Provisioner.Workflow.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

builder.Services.ConfigureFunctionsApplicationInsights();

// Integrations first: AddProvisioningWorkflow fills any still missing with "not configured" placeholders.
builder.Services.AddGitHubSourceControl(builder.Configuration);
builder.Services.AddProvisioningWorkflow(builder.Configuration);

builder.Build().Run();
