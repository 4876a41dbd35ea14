{{/* Same label blocks as chart/templates/_helpers.j2. Call with (dict "rel" .Release "component" "x"). */}}
{{- define "motos.labels" -}}
app.kubernetes.io/name: motos
app.kubernetes.io/instance: {{ .rel.Name | quote }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
app.kubernetes.io/part-of: motos
app.kubernetes.io/managed-by: {{ .rel.Service | quote }}
{{- end }}

{{- define "motos.selectorLabels" -}}
app.kubernetes.io/name: motos
app.kubernetes.io/instance: {{ .rel.Name | quote }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "motos.secretName" -}}
{{- .Values.postgres.auth.existingSecret | default "postgres-credentials" -}}
{{- end }}
