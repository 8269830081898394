UPDATE story_sketch k SET cluster_id = m.new_id
FROM unnest(%(old)s::bigint[], %(new)s::bigint[]) AS m (old_id, new_id)
WHERE k.cluster_id = m.old_id
