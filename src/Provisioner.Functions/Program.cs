using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioner.Azure;
using Provisioner.GitHub;
using Provisioner.Templates;
using Provisioner.Workflow.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

builder.Services.ConfigureFunctionsApplicationInsights();

// Integrations first: AddProvisioningWorkflow fills any still missing with "not configured" placeholders.
// Secrets: app settings (Key Vault references) first, then Key Vault directly, cached briefly.
builder.Services.AddAzureSecrets(builder.Configuration);
builder.Services.AddTemplates(builder.Configuration);
builder.Services.AddGitHubSourceControl(builder.Configuration);
builder.Services.AddProvisioningWorkflow(builder.Configuration);

builder.Build().Run();
