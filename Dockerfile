# syntax=docker/dockerfile:1
#
# Somme Numérique SaaS — container image of src/SommeNumerique.Saas.Web.
#
#   docker build -t somme-numerique:local .
#   docker run --rm -p 8080:8080 -v somme-data:/data somme-numerique:local        (SQLite in the /data volume)
#
# Configuration comes from environment variables only (Database__Provider, ConnectionStrings__Default,
# Stripe__SecretKey, Pdf__LicenseKey...: see README.md, infra/selfhost/.env.example and infra/azure/main.bicep);
# no secret is baked into the image.
#
# Versions are pinned: the SDK matches global.json (10.0.401, which ships runtime 10.0.12), and the runtime image
# carries the same runtime. Bump both together (and pin by digest, @sha256:..., if the registry policy asks for it).

ARG DOTNET_SDK_VERSION=10.0.401
ARG ASPNET_VERSION=10.0.12

# ---------------------------------------------------------------------------------------------------------------------
# build: restore (cached layer) then publish
# ---------------------------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_SDK_VERSION} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Only what restore reads: this layer and the restored packages are reused until a project or version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/SommeNumerique.Saas.Domain/SommeNumerique.Saas.Domain.csproj src/SommeNumerique.Saas.Domain/
COPY src/SommeNumerique.Saas.Application/SommeNumerique.Saas.Application.csproj src/SommeNumerique.Saas.Application/
COPY src/SommeNumerique.Saas.Infrastructure/SommeNumerique.Saas.Infrastructure.csproj src/SommeNumerique.Saas.Infrastructure/
COPY src/SommeNumerique.Saas.Web/SommeNumerique.Saas.Web.csproj src/SommeNumerique.Saas.Web/
RUN dotnet restore src/SommeNumerique.Saas.Web/SommeNumerique.Saas.Web.csproj

# The sources, and data/ (the Somme reference data and the voted catalogue are embedded in the Infrastructure assembly).
COPY src/ src/
COPY data/ data/
RUN dotnet publish src/SommeNumerique.Saas.Web/SommeNumerique.Saas.Web.csproj \
      --configuration Release --no-restore --output /app/publish -p:UseAppHost=false

# ---------------------------------------------------------------------------------------------------------------------
# runtime
# ---------------------------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:${ASPNET_VERSION} AS runtime

# curl for the HEALTHCHECK: the aspnet image has neither curl nor wget, and the app has no probe command of its own.
# (The -chiseled images are smaller but have no shell nor package manager: no HEALTHCHECK there; orchestrators that
# probe over HTTP themselves — App Service, Kubernetes — do not need it.)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# /data: the SQLite file when Database:Provider=Sqlite (the default). Owned by the image's non-root `app` user.
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data

WORKDIR /app
# Owned by root and read-only for the app user: the process cannot change its own binaries.
COPY --from=build /app/publish ./

# ASPNETCORE_HTTP_PORTS (8080 in the base image) is cleared so that Kestrel binds ASPNETCORE_URLS without warning.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS="" \
    Database__DataDirectory=/data \
    DOTNET_CLI_TELEMETRY_OPTOUT=1

USER $APP_UID
VOLUME /data
EXPOSE 8080

# Liveness only (the process answers); /health/ready (database reachable, migrations applied) is for load balancers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl --fail --silent --show-error --output /dev/null http://localhost:8080/health/live || exit 1

ENTRYPOINT ["dotnet", "SommeNumerique.Saas.Web.dll"]
