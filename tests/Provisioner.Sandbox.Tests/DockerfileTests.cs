using Provisioner.Sandbox.Builds;
using Provisioner.Sandbox.Registry;
using Provisioner.Sandbox.Tests.Support;

namespace Provisioner.Sandbox.Tests;

public sealed class DockerfileTests
{
    [Fact]
    public void The_static_site_templates_image_serves_its_site_folder_with_nginx()
    {
        var dockerfile = Dockerfile.Parse(SiteSource.Render("a.example.com").Files()["sites/a.example.com/Dockerfile"]);

        Assert.Equal("nginxinc/nginx-unprivileged:1.27-alpine", dockerfile.FinalBaseImage);
        Assert.Equal(new StaticSiteApp("sites/a.example.com/site"), dockerfile.App("sites/a.example.com"));
    }

    [Fact]
    public void The_dotnet_api_templates_image_runs_its_project()
    {
        var dockerfile = Dockerfile.Parse(SiteSource.Render("b.example.com", "dotnet-api").Files()["sites/b.example.com/Dockerfile"]);

        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile.FinalBaseImage);
        Assert.Equal(new AspNetApp("sites/b.example.com/src"), dockerfile.App("sites/b.example.com"));
        Assert.Equal(["src/Site.csproj", "src/"], dockerfile.ContextCopies.SelectMany(c => c.Sources));
    }

    [Fact]
    public void Continuations_and_comments_are_read_as_docker_reads_them()
    {
        var dockerfile = Dockerfile.Parse("# base\nFROM   nginx:1 AS web\n\nCOPY ./public \\\n     /usr/share/nginx/html/\nRUN echo \\\n  done\n");

        Assert.Equal(["FROM nginx:1 AS web", "COPY ./public /usr/share/nginx/html/", "RUN echo done"], dockerfile.Instructions.Select(i => i.ToString()));
        Assert.Equal(new StaticSiteApp("sites/c/public"), dockerfile.App("sites/c"));
    }

    [Theory]
    [InlineData("FROM python:3.12\nCOPY . /app\n", "this image is built on 'python:3.12'")]
    [InlineData("FROM nginx:1\nCOPY conf /etc/nginx/\n", "copies no folder to /usr/share/nginx/html")]
    public void Other_images_are_ones_the_sandbox_cannot_run(string text, string reason)
    {
        var app = Assert.IsType<UnrecognizedApp>(Dockerfile.Parse(text).App("sites/d"));
        Assert.Contains(reason, app.Reason, StringComparison.Ordinal);
    }
}
