#!/usr/bin/env python3
"""Assembles the stand-in images into one docker-archive tar for `ctr images import`.

Every image is the shared base layer (a debootstrap'd Debian) plus one small layer made from its
folder's files, as its image.env says (NAME, TAGS, ENTRYPOINT, ENV, FILES, FILES_<tag>). The pause
image is a single layer holding the static pause binary. Layers are written with fixed owners and
times, so the same files give the same digests and containerd stores the base layer once.
"""
import argparse
import hashlib
import io
import json
import os
import tarfile

FIXED_MTIME = 1767225600  # 2026-01-01


def read_env(path):
    env = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                env[key] = value
    return env


def expand(folder, spec):
    """'src:/target src2:/target2' -> {target path in image: source file}, folders walked."""
    files = {}
    for item in spec.split():
        src, _, target = item.partition(":")
        src = os.path.join(folder, src)
        if os.path.isdir(src):
            for root, dirs, names in os.walk(src):
                dirs[:] = [d for d in dirs if d != "__pycache__"]
                for name in names:
                    full = os.path.join(root, name)
                    files[os.path.join(target, os.path.relpath(full, src))] = full
        else:
            files[target] = src
    return files


def layer_bytes(files):
    """A tar layer with the files (and their parent folders), deterministic."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        dirs = set()
        for target in files:
            parent = os.path.dirname(target.lstrip("/"))
            while parent:
                dirs.add(parent)
                parent = os.path.dirname(parent)
        for d in sorted(dirs):
            info = tarfile.TarInfo(d)
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, FIXED_MTIME
            tar.addfile(info)
        for target in sorted(files):
            with open(files[target], "rb") as f:
                data = f.read()
            info = tarfile.TarInfo(target.lstrip("/"))
            info.size, info.mtime = len(data), FIXED_MTIME
            executable = os.access(files[target], os.X_OK) or target.endswith(".sh")
            info.mode = 0o755 if executable else 0o644
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Archive:
    def __init__(self, path):
        self.tar = tarfile.open(path, "w", format=tarfile.PAX_FORMAT)
        self.manifest = []
        self.layers = set()

    def _add_bytes(self, name, data):
        info = tarfile.TarInfo(name)
        info.size, info.mtime = len(data), FIXED_MTIME
        self.tar.addfile(info, io.BytesIO(data))

    def layer_from_file(self, path):
        digest = sha256_file(path)
        if digest not in self.layers:
            self.layers.add(digest)
            self.tar.add(path, arcname=f"{digest}/layer.tar")
        return digest

    def layer_from_bytes(self, data):
        digest = hashlib.sha256(data).hexdigest()
        if digest not in self.layers:
            self.layers.add(digest)
            self._add_bytes(f"{digest}/layer.tar", data)
        return digest

    def image(self, ref, layers, entrypoint, env):
        config = {
            "architecture": "amd64",
            "os": "linux",
            "created": "2026-01-01T00:00:00Z",
            "config": {"Entrypoint": entrypoint, "Env": env},
            "rootfs": {"type": "layers", "diff_ids": [f"sha256:{d}" for d in layers]},
        }
        data = json.dumps(config, sort_keys=True).encode()
        config_name = hashlib.sha256(data).hexdigest() + ".json"
        self._add_bytes(config_name, data)
        self.manifest.append({"Config": config_name, "RepoTags": [ref],
                              "Layers": [f"{d}/layer.tar" for d in layers]})
        print(f"  {ref}: {len(layers)} layers")

    def close(self):
        self._add_bytes("manifest.json", json.dumps(self.manifest, indent=1).encode())
        self.tar.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-layer", required=True)
    parser.add_argument("--pause", required=True)
    parser.add_argument("--recipes", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    archive = Archive(args.out)
    print("[images] hashing the base layer and assembling the archive")
    base = archive.layer_from_file(args.base_layer)
    for folder in sorted(os.listdir(args.recipes)):
        env_file = os.path.join(args.recipes, folder, "image.env")
        if not os.path.isfile(env_file):
            continue
        spec = read_env(env_file)
        root = os.path.join(args.recipes, folder)
        for tag in spec["TAGS"].split():
            files = expand(root, spec["FILES"])
            files.update(expand(root, spec.get(f"FILES_{tag}", "")))
            app = archive.layer_from_bytes(layer_bytes(files))
            env = spec.get("ENV", "").split() + [f"APP_VERSION={tag}"]
            archive.image(f"{spec['NAME']}:{tag}", [base, app], spec["ENTRYPOINT"].split(), env)
    pause = archive.layer_from_bytes(layer_bytes({"/pause": args.pause}))
    archive.image("k8s.gcr.io/pause:3.2", [pause], ["/pause"], [])
    archive.close()


if __name__ == "__main__":
    main()
