# Newsdesk: the bot service in a container.
#   docker build -t newsdesk .
#   docker run -d -p 8080:8080 -v newsdesk-data:/data --env-file newsdesk.env newsdesk
# glibc-based (Ubuntu): the embedding runtime (ONNX Runtime) has no musl build, so no Alpine image.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# With a runtime identifier the project precompiles its code (ReadyToRun): a new process starts with less compiling.
RUN dotnet publish src/Bot -c Release -r linux-x64 -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# tzdata: the digest schedule is read in an IANA time zone (Digest:TimeZone). curl: the health check below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data && chown "$APP_UID" /data
COPY --from=build /app /app
# The store (and everything the bot writes) lives on the volume; the program's folder is read-only to it.
VOLUME /data
# XDG_DATA_HOME: the embedding model is written there once (newsdesk/models) and loaded from that file, which holds
# its weights once in memory; on the volume, a new container reuses it.
ENV Storage__Database=/data/newsdesk.db \
    XDG_DATA_HOME=/data \
    ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
# The image's non-root user.
USER $APP_UID
WORKDIR /
HEALTHCHECK --interval=30s --timeout=5s --start-period=2m CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
# SIGTERM drains the chat queue for Chat:DrainTimeout (20 s) and apologises to the rest: give it that long.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/Bot"]
CMD ["serve"]
