# syntax=docker/dockerfile:1
#
# ServicePublic portal image.
#   docker build -t servicepublic-web .
# Usually built and run through docker-compose.yml (PostgreSQL + replicas + nginx).
# The container listens on 8080 as the non-root "app" user. Configuration comes from the
# environment: ConnectionStrings__Default (the portal's role), ConnectionStrings__Migrations (the
# owner's), Database__MigrateOnStartup, Database__SeedCatalogue.

# ---- build ------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
WORKDIR /src

# Restore first, from the files that decide the package graph only, so that the restore
# layer is reused as long as no package reference or version changes. The restore targets
# the web project alone (not the solution): the test projects are not part of the image.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ServicePublic.sln ./
COPY src/ServicePublic.Web/ServicePublic.Web.csproj src/ServicePublic.Web/
RUN dotnet restore src/ServicePublic.Web

COPY src/ src/
RUN dotnet publish src/ServicePublic.Web -c Release -o /app --no-restore -p:UseAppHost=false

# ---- runtime ----------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production
WORKDIR /app

# Data Protection keys live in PostgreSQL (shared by every replica). Uploaded files go to
# /var/lib/servicepublic/files and signed audit checkpoints to /var/lib/servicepublic/audit-checkpoints,
# created here owned by "app" so that the named volumes mounted on them (docker-compose.yml) are
# initialised with that owner.
RUN mkdir -p /var/lib/servicepublic/files /var/lib/servicepublic/audit-checkpoints \
    && chown -R "$APP_UID:$APP_UID" /var/lib/servicepublic

# Application files stay owned by root: the app user can read them, not change them.
COPY --from=build /app ./

# APP_UID (1654) is the "app" user the .NET images define; the numeric form lets
# orchestrators check that the image does not run as root.
USER $APP_UID
EXPOSE 8080

# No HEALTHCHECK here: the image has no curl/wget. docker-compose.yml probes /health with
# bash's /dev/tcp instead.
ENTRYPOINT ["dotnet", "ServicePublic.Web.dll"]
