# Images for cce-ingress-https. Targets:
#
#   function (default)  the KRM function alone, for `kpt fn eval --image`,
#                       Kptfile `image:` and kustomize `container: {image: ...}`;
#                       compiled in the Go image
#   function-prebuilt   the same image from a binary built outside, at
#                       bin/cce-ingress-https in the build context
#   argocd-cmp          an Argo CD config management plugin sidecar:
#                       kustomize + the function + plugin.yaml
#                       (--build-arg CMP_PLUGIN=plugin-pipe.yaml for the pipe
#                       variant, which needs the default busybox base's sh)
#
# Online (pulls golang and builds everything inside); the build args stamp the
# version (--version, the image labels), which the build context has no git for:
#   podman build -t localhost/cce-ingress-https:latest .        (or docker build)
#   podman build --build-arg VERSION=$(scripts/version.sh) --build-arg REVISION=$(scripts/version.sh --commit) \
#     -t localhost/cce-ingress-https:$(scripts/version.sh) .
#   podman build --target argocd-cmp -t localhost/cce-ingress-https-cmp:latest .
# scripts/release.sh VERSION builds both images with these arguments.
#
# Offline, without golang from a registry: either pass a Go image built from
# this machine's Go toolchain and module cache (scripts/local-go-image.sh), or
# build the binaries on the host and let the final stages copy them. Stages a
# target does not need are skipped by BuildKit and buildah:
#   podman build --pull=never --build-arg GO_IMAGE=$(scripts/local-go-image.sh) -t localhost/cce-ingress-https:latest .
#
#   CGO_ENABLED=0 go build -trimpath -ldflags "$(scripts/version.sh --ldflags)" -o bin/cce-ingress-https .
#   podman build --pull=never --layers=false --target function-prebuilt -t localhost/cce-ingress-https:latest .
#   scripts/install-tools.sh    # .tools/bin/kustomize, static
#   podman build --pull=never --layers=false --target argocd-cmp --build-arg BIN_SOURCE=prebuilt \
#     --build-arg KUSTOMIZE_SOURCE=kustomize-prebuilt --build-arg CMP_BASE=scratch \
#     -t localhost/cce-ingress-https-cmp:latest .
# (--layers=false: podman 4.3's buildah reuses a cached LABEL step when only a
# --build-arg such as VERSION changed.)
#
# The function targets never name a stage through a build argument: podman 4.3
# takes `FROM ${ARG}` for an image name ("short-name "build" did not resolve").

# Where the Argo CD sidecar's function binary comes from: "build" (compiled
# here) or "prebuilt" (bin/cce-ingress-https from the build context).
ARG BIN_SOURCE=build
# Where kustomize comes from: "kustomize-build" or "kustomize-prebuilt"
# (.tools/bin/kustomize from the build context).
ARG KUSTOMIZE_SOURCE=kustomize-build
# Base of the Argo CD sidecar image. busybox gives plugin.yaml commands a
# shell (sh -c, pipes); scratch is enough when they exec kustomize directly.
ARG CMP_BASE=docker.io/library/busybox:1.37
# Which plugin of kustomization-examples/argocd/ the sidecar image
# carries: plugin.yaml (kustomize with the function as exec transformer) or
# plugin-pipe.yaml (kustomize build piped through the function; needs a shell).
ARG CMP_PLUGIN=plugin.yaml
ARG GO_IMAGE=docker.io/library/golang:1.26
ARG KUSTOMIZE_VERSION=v5.8.1
ARG VERSION=dev
ARG REVISION=unknown

# ---- the function, compiled in the image -------------------------------------
FROM ${GO_IMAGE} AS build
ARG VERSION
ARG REVISION
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# Static (no libc in the final image), reproducible paths, version and commit
# embedded (the -X flags of scripts/version.sh --ldflags).
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X github.com/cce-ingress-https/cce-ingress-https/run.Version=${VERSION} -X github.com/cce-ingress-https/cce-ingress-https/run.Commit=${REVISION}" \
      -o /out/cce-ingress-https .

# ---- the function, built outside (offline) -----------------------------------
FROM scratch AS prebuilt
COPY bin/cce-ingress-https /out/cce-ingress-https

FROM ${BIN_SOURCE} AS bin
# An instruction of its own, so buildah (--layers=false) never commits this
# alias stage under the same image id as its source and fails removing it twice.
WORKDIR /out

# ---- kustomize for the Argo CD sidecar ---------------------------------------
FROM ${GO_IMAGE} AS kustomize-build
ARG KUSTOMIZE_VERSION
RUN CGO_ENABLED=0 GOBIN=/out go install -trimpath sigs.k8s.io/kustomize/kustomize/v5@${KUSTOMIZE_VERSION}

FROM scratch AS kustomize-prebuilt
COPY .tools/bin/kustomize /out/kustomize

FROM ${KUSTOMIZE_SOURCE} AS kustomize
WORKDIR /out

# ---- Argo CD config management plugin sidecar --------------------------------
# Argo CD starts it with the command /var/run/argocd/argocd-cmp-server (mounted
# from the repo-server) as user 999 and reads the plugin config from
# /home/argocd/cmp-server/config/plugin.yaml (baked in here; Argo CD's
# sidecar spec may mount another over it from a ConfigMap).
FROM ${CMP_BASE} AS argocd-cmp
ARG CMP_PLUGIN
ARG VERSION
ARG REVISION
LABEL org.opencontainers.image.title="cce-ingress-https-argocd-cmp" \
      org.opencontainers.image.description="Argo CD config management plugin sidecar: kustomize with the cce-ingress-https KRM function" \
      org.opencontainers.image.source="https://github.com/cce-ingress-https/cce-ingress-https" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
COPY container/passwd container/group /etc/
COPY --from=kustomize /out/kustomize /usr/local/bin/kustomize
COPY --from=bin /out/cce-ingress-https /usr/local/bin/cce-ingress-https
# The pipe plugin's generate command (plugin-pipe.yaml), in every variant:
# the ConfigMap of kustomization-examples/argocd/ may mount either plugin.
COPY kustomization-examples/argocd/cce-ingress-https-pipe /usr/local/bin/cce-ingress-https-pipe
COPY kustomization-examples/argocd/${CMP_PLUGIN} /home/argocd/cmp-server/config/plugin.yaml
ENV PATH=/usr/local/bin:/usr/bin:/bin HOME=/home/argocd
WORKDIR /home/argocd
USER 999:999

# ---- the function image -------------------------------------------------------
# scratch + one static binary + a passwd with nobody (kpt and kustomize run
# function images as --user nobody). Runs as non-root on a read-only root file
# system: the function writes only to stdout and stderr.
FROM scratch AS function-base
ARG VERSION
ARG REVISION
LABEL org.opencontainers.image.title="cce-ingress-https" \
      org.opencontainers.image.description="KRM function: HTTPS backends for Huawei Cloud CCE LoadBalancer Ingresses" \
      org.opencontainers.image.source="https://github.com/cce-ingress-https/cce-ingress-https" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
COPY container/passwd container/group /etc/
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/cce-ingress-https"]

FROM function-base AS function-prebuilt
COPY --from=prebuilt /out/cce-ingress-https /usr/local/bin/cce-ingress-https

# Default target: keep it last.
FROM function-base AS function
COPY --from=build /out/cce-ingress-https /usr/local/bin/cce-ingress-https
