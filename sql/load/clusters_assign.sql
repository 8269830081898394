UPDATE story_sketch k SET cluster_id = m.cluster_id
FROM unnest(%(stories)s::bigint[], %(clusters)s::bigint[]) AS m (story_id, cluster_id)
WHERE k.story_id = m.story_id AND k.cluster_id <> m.cluster_id
