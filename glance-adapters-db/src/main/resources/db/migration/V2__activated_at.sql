-- When an image's data became active: the Last-Modified of its download. updated_at cannot serve, it moves with
-- every metadata change and would make caching proxies fetch unchanged bytes again. Images that were active before
-- this column existed get their updated_at, which is never earlier than the activation: a validator that errs late
-- only costs one refetch, one that errs early could let a proxy keep bytes it should not.
ALTER TABLE images ADD COLUMN activated_at DATETIME NULL;
UPDATE images SET activated_at = updated_at WHERE status IN ('active', 'deactivated');
